// The record of one HTTP exchange, as the suite writes it (masked) to reports/exchanges/*.jsonl.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Exchange {
  operationId?: string;
  method: string;
  url: string;
  status?: number;
  durationMs?: number;
  /** The test that sent it (Playwright testId), to rebuild operation flows. */
  testId?: string;
  testTitle?: string;
  request: { headers?: Record<string, string>; body?: unknown };
  response?: { headers?: Record<string, string>; body?: unknown };
}

export function readExchanges(dir: string): Exchange[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).flatMap((line) => {
      try { return [JSON.parse(line) as Exchange]; } catch { return []; }
    }));
}
