// Latency per operation over a health run, from its exchange records: every answered request (retried attempts are
// requests of their own) counts for the operationId it was sent to; requests outside the spec and requests that got
// no answer do not. Its error rate (for the budgets) is over every attempt: no answer, or a 5xx other than a 503 (a
// 503 is the tenant asking to be retried later, as 429 and flow control are; they are counted as transient).
import type { ExchangeRecord } from '../../src/contract/exchange.js';

/**
 * How one operation answered in a run: answered requests, median, 95th and 99th percentile (ms); `requests` counts
 * every attempt, `errors` those that got no answer or a 5xx other than a retried 503 (the tenant protecting itself).
 */
export interface OperationLatency { n: number; p50: number; p95: number; p99?: number; requests?: number; errors?: number }

/** The nearest-rank percentile (p in 0..100) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** An attempt that counts against the error rate: no answer, or a server error other than 503. */
export const isError = (status: number | null): boolean => status === null || (status >= 500 && status !== 503);

export function latencyByOperation(records: readonly Pick<ExchangeRecord, 'operationId' | 'status' | 'durationMs'>[]): Record<string, OperationLatency> {
  const by = new Map<string, { answered: number[]; requests: number; errors: number }>();
  for (const r of records) {
    if (!r.operationId) continue;
    const o = by.get(r.operationId) ?? { answered: [], requests: 0, errors: 0 };
    by.set(r.operationId, o);
    o.requests++;
    if (isError(r.status)) o.errors++;
    if (r.status !== null) o.answered.push(r.durationMs);
  }
  return Object.fromEntries([...by.keys()].sort().filter((op) => by.get(op)!.answered.length).map((op) => {
    const { answered: xs, requests, errors } = by.get(op)!;
    return [op, { n: xs.length, p50: percentile(xs, 50)!, p95: percentile(xs, 95)!, p99: percentile(xs, 99)!, requests, errors }];
  }));
}
