// Latency per operation over a health run, from its exchange records: every answered request (retried attempts are
// requests of their own) counts for the operationId it was sent to; requests outside the spec and requests that got
// no answer do not.
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import type { OperationLatency } from './classify.js';

/** The nearest-rank percentile (p in 0..100) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function latencyByOperation(records: readonly Pick<ExchangeRecord, 'operationId' | 'status' | 'durationMs'>[]): Record<string, OperationLatency> {
  const by = new Map<string, number[]>();
  for (const r of records) {
    if (!r.operationId || r.status === null) continue;
    if (!by.has(r.operationId)) by.set(r.operationId, []);
    by.get(r.operationId)!.push(r.durationMs);
  }
  return Object.fromEntries([...by.keys()].sort().map((op) => {
    const xs = by.get(op)!;
    return [op, { n: xs.length, p50: percentile(xs, 50)!, p95: percentile(xs, 95)! }];
  }));
}
