// The part of the suite's exchange record (fixtures/exchanges.ts, ExchangeRecord) that coverage reads.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Exchange {
  operationId?: string | null;
  method: string;
  url: string;
  status?: number | null;
  durationMs?: number;
  /** The test that sent it, to rebuild operation flows. */
  test?: { file: string; titlePath: string[]; retry?: number };
  request: { headers?: Record<string, string>; body?: unknown };
  response?: { headers?: Record<string, string>; body?: unknown };
}

/** One key per test run (a retry is a run of its own). */
export const testKey = (x: Exchange): string | undefined =>
  x.test ? `${x.test.file} › ${x.test.titlePath.join(' › ')}#${x.test.retry ?? 0}` : undefined;

export function readExchanges(dir: string): Exchange[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).flatMap((line) => {
      try { return [JSON.parse(line) as Exchange]; } catch { return []; }
    }));
}
