// What the history says, beyond tonight: which findings are new since the last night, still there, or resolved (and
// since when each has been seen); each check's state over the nights and whether it flaps; each operation's latency
// over the nights and whether tonight's is a regression. Pure functions of the kept nights (oldest first).
import { checkTitle, type CellStatus, type Night } from './history.js';

/**
 * A check flaps when its state changed at least FLAP_CHANGES times over the last FLAP_WINDOW nights it ran on: several
 * changes, not one incident (pass, fail, pass is a bad night, 2 changes; pass, fail, pass, fail is flapping). A flaky
 * night (failed, then passed on its retry) counts as a pass here; the row counts its flaky nights apart.
 */
export const FLAP_WINDOW = 10;
export const FLAP_CHANGES = 3;

/**
 * Tonight's p50 (or p95) of an operation is a regression when it exceeds the median of the same figure over the
 * previous REGRESSION.window nights (at least REGRESSION.minNights of them with answers) by both REGRESSION.factor
 * times and REGRESSION.floorMs milliseconds: the factor ignores jitter on slow operations, the floor on fast ones.
 * A regression is a warning on the page; it never changes the verdict or the exit code.
 */
export const REGRESSION = { window: 7, minNights: 2, factor: 1.5, floorMs: 50 } as const;

export interface FindingRow {
  signature: string;
  verdict: 'fail' | 'warn';
  /** new: tonight, not last night; still: both; resolved: last night, not tonight. */
  state: 'new' | 'still' | 'resolved';
  /** The first kept night it was seen on. */
  firstSeen: string;
  /** The first night of its current run of consecutive nights (for resolved ones: of the run that ended). */
  since: string;
  /** Nights it was seen on, of the kept ones. */
  nightsSeen: number;
  /** Consecutive nights up to tonight (for resolved ones: up to last night). */
  streak: number;
  /** Seen before, gone, and back tonight. */
  returning: boolean;
  /** The baseline marks it as known. */
  known: boolean;
  checks: string[];
}

export interface Changes {
  tonight: Night;
  previous?: Night;
  new: FindingRow[];
  still: FindingRow[];
  resolved: FindingRow[];
}

const has = (n: Night, signature: string): boolean => n.findings.some((f) => f.signature === signature);

export function changesOf(nights: readonly Night[]): Changes {
  const tonight = nights.at(-1)!;
  const previous = nights.length > 1 ? nights.at(-2) : undefined;
  const row = (f: Night['findings'][number], state: FindingRow['state'], at: number): FindingRow => {
    let start = at;
    while (start > 0 && has(nights[start - 1], f.signature)) start--;
    const seen = nights.filter((n) => has(n, f.signature));
    return {
      signature: f.signature, verdict: f.verdict, state, firstSeen: seen[0].startedAt, since: nights[start].startedAt, nightsSeen: seen.length, streak: at - start + 1,
      returning: state === 'new' && seen.length > 1, known: nights[at].known.includes(f.signature), checks: f.checks,
    };
  };
  const last = nights.length - 1;
  const out: Changes = { tonight, previous, new: [], still: [], resolved: [] };
  for (const f of tonight.findings) (previous && has(previous, f.signature) ? out.still : out.new).push(row(f, previous && has(previous, f.signature) ? 'still' : 'new', last));
  // A partial night (--grep) resolves only what it checked: a finding none of whose checks ran tonight is left out.
  const ran = new Set(tonight.checks.flatMap((c) => [c.id, checkTitle(c.id)]));
  const unchecked = (f: Night['findings'][number]): boolean => tonight.grep !== undefined && f.checks.length > 0 && !f.checks.some((id) => ran.has(id));
  for (const f of previous?.findings ?? []) if (!has(tonight, f.signature) && !unchecked(f)) out.resolved.push(row(f, 'resolved', last - 1));
  // Failures before warnings, then the oldest first: what has been broken longest leads.
  const order = (a: FindingRow, b: FindingRow): number => (a.verdict === b.verdict ? a.since.localeCompare(b.since) || a.signature.localeCompare(b.signature) : a.verdict === 'fail' ? -1 : 1);
  out.new.sort(order);
  out.still.sort(order);
  out.resolved.sort(order);
  return out;
}

export interface GridRow {
  id: string;
  /** Its state on each night (null: not part of that night's run). */
  cells: Array<CellStatus | null>;
  /** Why it failed or warned on each night. */
  reasons: Array<string | undefined>;
  /** State changes over the last FLAP_WINDOW nights it ran on. */
  changes: number;
  flapping: boolean;
  /** Nights it was flaky on (failed, then passed on its retry), of the kept ones. */
  flakyNights: number;
  /** Quarantined tonight. */
  quarantined: boolean;
}

/** How often the state changed over the last `window` nights it ran on (skipped and absent nights left out). */
export function stateChanges(cells: ReadonlyArray<CellStatus | null>, window = FLAP_WINDOW): number {
  const ran = cells.filter((c): c is Exclude<CellStatus, 'skipped'> => c !== null && c !== 'skipped').slice(-window).map((c) => (c === 'flaky' ? 'pass' : c));
  return ran.slice(1).filter((c, i) => c !== ran[i]).length;
}

const bad = (c: CellStatus | null): boolean => c === 'fail' || c === 'unreachable';

export function gridOf(nights: readonly Night[]): GridRow[] {
  const ids = [...new Set(nights.flatMap((n) => n.checks.map((c) => c.id)))];
  const maps = nights.map((n) => new Map(n.checks.map((c) => [c.id, c])));
  const rows = ids.map((id): GridRow => {
    const cells = maps.map((m) => m.get(id)?.status ?? null);
    const changes = stateChanges(cells);
    return {
      id, cells, reasons: maps.map((m) => m.get(id)?.reason), changes, flapping: changes >= FLAP_CHANGES,
      flakyNights: cells.filter((c) => c === 'flaky').length, quarantined: !!maps.at(-1)?.get(id)?.quarantined,
    };
  });
  // Failing tonight first, then flapping, then anything not clean over the nights, then by name.
  const rank = (r: GridRow): number => (bad(r.cells.at(-1) ?? null) && !r.quarantined ? 0 : r.flapping ? 1 : r.cells.some((c) => c !== null && c !== 'pass' && c !== 'skipped') ? 2 : 3);
  return rows.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface Regression { metric: 'p50' | 'p95'; value: number; baseline: number }

/** Whether values[at] is a regression against the median of the REGRESSION.window values before it. */
export function regressionAt(values: ReadonlyArray<number | null>, at: number): { value: number; baseline: number } | undefined {
  const value = values[at];
  if (value === null || value === undefined) return undefined;
  const before = values.slice(0, at).filter((v): v is number => v !== null).slice(-REGRESSION.window);
  if (before.length < REGRESSION.minNights) return undefined;
  const baseline = median(before);
  return value > baseline * REGRESSION.factor && value - baseline >= REGRESSION.floorMs ? { value, baseline } : undefined;
}

export interface LatencySeries {
  operationId: string;
  p50: Array<number | null>;
  p95: Array<number | null>;
  /** Per night: a regression of p50 or p95 against its own trailing median. */
  regressions: Array<Regression[]>;
}

export function latencyOf(nights: readonly Night[]): LatencySeries[] {
  const ops = [...new Set(nights.flatMap((n) => Object.keys(n.operations)))].sort();
  const series = ops.map((operationId): LatencySeries => {
    const p50 = nights.map((n) => n.operations[operationId]?.p50 ?? null);
    const p95 = nights.map((n) => n.operations[operationId]?.p95 ?? null);
    const regressions = nights.map((_, i) => (['p50', 'p95'] as const).flatMap((metric) => {
      const r = regressionAt(metric === 'p50' ? p50 : p95, i);
      return r ? [{ metric, ...r }] : [];
    }));
    return { operationId, p50, p95, regressions };
  });
  // Tonight's regressions first.
  return series.sort((a, b) => Number(b.regressions.at(-1)!.length > 0) - Number(a.regressions.at(-1)!.length > 0) || a.operationId.localeCompare(b.operationId));
}
