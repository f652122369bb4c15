// Latency and error budgets per operation: a committed YAML file (health-budgets.yaml, CEC_HEALTH_BUDGETS) with, for
// each operationId, a "degraded" and a "fail" level of its p95 and p99 latency (ms) and of its error rate. Tonight's
// figures (over every request of the night, all workers) are judged against them: over a "degraded" level the night
// is DEGRADED (a warning, exit 0); over a "fail" level it is BROKEN (exit 1). A figure is judged only on enough
// requests (MIN_SAMPLES: a p99 of 12 requests is their slowest one).
//
// The file says which tenant it was measured on: budgets measured on the mock never judge a real tenant (nor one
// tenant's another's); such a night says its latency was not judged. `npm run health -- --write-budgets` writes the
// file from the night it just ran (DERIVE: levels well above the measured figures, so jitter does not warn).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Document, isMap, parse } from 'yaml';
import type { OperationLatency } from './latency.js';

export type BudgetMetric = 'p95' | 'p99' | 'errorRate';
export interface Levels { degraded: number; fail: number }
export type OperationBudget = Partial<Record<BudgetMetric, Levels>> & { measured?: { requests: number; p95: number; p99: number; errorRate: number } };

export interface BudgetsFile {
  /** 'mock', or the tenant's origin (https://host[:port]): the budgets judge only that tenant. */
  tenant: string;
  /** The night the defaults were derived from. */
  measuredAt?: string;
  seed?: string;
  operations: Record<string, OperationBudget>;
}

/** How many answered requests (p95, p99) or attempts (error rate) a figure needs to be judged. */
export const MIN_SAMPLES: Record<BudgetMetric, number> = { p95: 20, p99: 100, errorRate: 20 };

/**
 * Levels derived from a measured figure: p95 degraded at max(2×, +100 ms), fail at max(5×, +500 ms); p99 (the
 * noisier tail) degraded at max(2×, +250 ms), fail at max(5×, +1000 ms); error rate degraded at max(2×, 2 %), fail
 * at max(5×, 10 %). The "+ms" floors keep a fast operation's jitter (a busy CI runner) from warning.
 */
export const DERIVE = {
  p95: { degraded: { factor: 2, plusMs: 100 }, fail: { factor: 5, plusMs: 500 } },
  p99: { degraded: { factor: 2, plusMs: 250 }, fail: { factor: 5, plusMs: 1000 } },
  errorRate: { degraded: { factor: 2, floor: 0.02 }, fail: { factor: 5, floor: 0.1 } },
} as const;

export interface Breach {
  operationId: string;
  metric: BudgetMetric;
  level: 'degraded' | 'fail';
  value: number;
  limit: number;
  /** One line: "applyToken p95 812 ms > 540 ms (fail)". */
  text: string;
}

export interface BudgetJudgement {
  /** The budgets file, relative to the project when inside it. */
  file: string;
  /** Whether tonight was judged: false when there is no file or it was measured on another tenant. */
  applied: boolean;
  /** Why not, when not applied. */
  reason?: string;
  breaches: Breach[];
  /** Figures judged, and figures not judged for too few requests. */
  judged: number;
  unjudged: number;
  /** Each operation's levels (for the page's budget lines). */
  limits: Record<string, Partial<Record<BudgetMetric, Levels>>>;
}

export class BudgetsError extends Error {}

const isLevels = (v: unknown): v is Levels => typeof v === 'object' && v !== null && typeof (v as Levels).degraded === 'number' && typeof (v as Levels).fail === 'number';

export function readBudgets(file: string): BudgetsFile | undefined {
  if (!existsSync(file)) return undefined;
  let doc: Partial<BudgetsFile> | null;
  try {
    doc = parse(readFileSync(file, 'utf8')) as Partial<BudgetsFile> | null;
  } catch (e) {
    throw new BudgetsError(`${file} is not YAML: ${(e as Error).message}`);
  }
  if (!doc || typeof doc.tenant !== 'string' || typeof doc.operations !== 'object' || doc.operations === null) {
    throw new BudgetsError(`${file}: needs "tenant" (mock, or the tenant's https://host) and "operations" (operationId: { p95: { degraded, fail }, … })`);
  }
  for (const [op, b] of Object.entries(doc.operations)) {
    for (const metric of ['p95', 'p99', 'errorRate'] as const) {
      const l = (b as OperationBudget)[metric];
      if (l !== undefined && (!isLevels(l) || l.degraded > l.fail)) throw new BudgetsError(`${file}: ${op}.${metric} needs degraded and fail numbers, degraded ≤ fail`);
    }
  }
  return { tenant: doc.tenant, measuredAt: doc.measuredAt, seed: doc.seed, operations: doc.operations };
}

/** The tenant key budgets are kept for: 'mock' for a mock tenant, else the base URL's origin. */
export const budgetTenant = (target: 'mock' | 'tenant', baseUrl: string): string => (target === 'mock' ? 'mock' : new URL(baseUrl).origin);

const round = (n: number): number => Math.ceil(n);
const pct = (r: number): string => `${(r * 100).toFixed(r < 0.1 ? 1 : 0)} %`;

/** Budgets derived from a measured night's operations. */
export function deriveBudgets(operations: Record<string, OperationLatency>, tenant: string, measuredAt: string, seed?: string): BudgetsFile {
  const lat = (v: number, l: { factor: number; plusMs: number }): number => round(Math.max(v * l.factor, v + l.plusMs));
  const err = (v: number, l: { factor: number; floor: number }): number => Math.round(Math.max(v * l.factor, l.floor) * 1000) / 1000;
  const out: Record<string, OperationBudget> = {};
  for (const [op, o] of Object.entries(operations)) {
    const p99 = o.p99 ?? o.p95;
    const requests = o.requests ?? o.n;
    const errorRate = requests ? (o.errors ?? 0) / requests : 0;
    out[op] = {
      p95: { degraded: lat(o.p95, DERIVE.p95.degraded), fail: lat(o.p95, DERIVE.p95.fail) },
      p99: { degraded: lat(p99, DERIVE.p99.degraded), fail: lat(p99, DERIVE.p99.fail) },
      errorRate: { degraded: err(errorRate, DERIVE.errorRate.degraded), fail: err(errorRate, DERIVE.errorRate.fail) },
      measured: { requests, p95: o.p95, p99, errorRate: Math.round(errorRate * 10000) / 10000 },
    };
  }
  return { tenant, measuredAt, ...(seed ? { seed } : {}), operations: out };
}

export function writeBudgets(file: string, budgets: BudgetsFile): void {
  const head = '# Latency and error budgets per operation of the nightly health check (products/health/budgets.ts).\n'
    + '# Over a "degraded" level the night is DEGRADED (a warning, exit 0); over a "fail" level it is BROKEN (exit 1).\n'
    + '# p95/p99 in ms over the night\'s answered requests; errorRate over every attempt (no answer, or a 5xx but 503).\n'
    + `# Written by \`npm run health -- --write-budgets\` from the night of ${budgets.measuredAt ?? '?'} (\`measured\`: its figures):\n`
    + '# p95 degraded at max(2x, +100 ms), fail at max(5x, +500 ms); p99 max(2x, +250 ms) and max(5x, +1000 ms); error\n'
    + '# rate max(2x, 2 %) and max(5x, 10 %). Judged on 20 answers at least (p99: 100). Edit freely.\n'
    + '# `tenant` is where they were measured: they judge only that tenant (mock: any mock tenant).\n';
  const doc = new Document(budgets);
  // One line per level pair and per measurement: a file a person reads.
  for (const op of Object.keys(budgets.operations)) {
    for (const key of ['p95', 'p99', 'errorRate', 'measured']) {
      const node = doc.getIn(['operations', op, key], true);
      if (isMap(node)) node.flow = true;
    }
  }
  writeFileSync(file, `${head}${doc.toString({ lineWidth: 0 })}`);
}

/** Tonight's operations against the budgets. */
export function judgeBudgets(budgets: BudgetsFile | undefined, operations: Record<string, OperationLatency>, tenant: string, file: string): BudgetJudgement {
  const empty = { file, breaches: [], judged: 0, unjudged: 0, limits: {} };
  if (!budgets) return { ...empty, applied: false, reason: `no budgets file (${file}): latency is charted, not judged; \`npm run health -- --write-budgets\` writes one from a night` };
  const limits = Object.fromEntries(Object.entries(budgets.operations).map(([op, b]) => [op, { ...(b.p95 ? { p95: b.p95 } : {}), ...(b.p99 ? { p99: b.p99 } : {}), ...(b.errorRate ? { errorRate: b.errorRate } : {}) }]));
  if (budgets.tenant !== tenant) {
    return { ...empty, limits, applied: false, reason: `the budgets (${file}) were measured on ${budgets.tenant}, not on ${tenant}: not judged; \`npm run health -- --write-budgets\` measures this tenant` };
  }
  const breaches: Breach[] = [];
  let judged = 0;
  let unjudged = 0;
  for (const [op, b] of Object.entries(budgets.operations)) {
    const o = operations[op];
    if (!o) continue;
    const requests = o.requests ?? o.n;
    const figures: Array<[BudgetMetric, number | undefined, number]> = [
      ['p95', o.p95, o.n], ['p99', o.p99, o.n], ['errorRate', requests ? (o.errors ?? 0) / requests : undefined, requests],
    ];
    for (const [metric, value, samples] of figures) {
      const l = b[metric];
      if (!l || value === undefined) continue;
      if (samples < MIN_SAMPLES[metric]) { unjudged++; continue; }
      judged++;
      const level = value > l.fail ? 'fail' : value > l.degraded ? 'degraded' : undefined;
      if (!level) continue;
      const limit = l[level];
      const show = (v: number): string => (metric === 'errorRate' ? pct(v) : `${v} ms`);
      breaches.push({ operationId: op, metric, level, value: metric === 'errorRate' ? Math.round(value * 10000) / 10000 : value, limit, text: `${op} ${metric === 'errorRate' ? 'error rate' : metric} ${show(value)} > ${show(limit)} (${level}; ${samples} ${metric === 'errorRate' ? 'requests' : 'answers'})` });
    }
  }
  breaches.sort((a, b) => (a.level === b.level ? a.operationId.localeCompare(b.operationId) : a.level === 'fail' ? -1 : 1));
  return { file, applied: true, breaches, judged, unjudged, limits };
}

/** The verdict with the budgets: a fail level breaks a healthy night, a degraded level degrades it. */
export function verdictWithBudgets<V extends { verdict: string; exitCode: 0 | 1 | 2; detail?: string }>(v: V, j: BudgetJudgement): V | { verdict: 'broken' | 'degraded'; exitCode: 0 | 1; detail: string } {
  if (v.verdict !== 'healthy' || !j.breaches.length) return v;
  const fail = j.breaches.filter((b) => b.level === 'fail');
  const ops = (bs: Breach[]): string => [...new Set(bs.map((b) => b.operationId))].join(', ');
  if (fail.length) return { verdict: 'broken', exitCode: 1, detail: `${fail.length} figure${fail.length === 1 ? '' : 's'} over the fail level of the budgets in ${j.file} (${ops(fail)}); every check may have passed` };
  return { verdict: 'degraded', exitCode: 0, detail: `${j.breaches.length} figure${j.breaches.length === 1 ? '' : 's'} over the degraded level of the budgets in ${j.file} (${ops(j.breaches)}): a warning` };
}
