// The figures of one benchmark run, computed from what the run left behind: the child's exit and output, the timing
// events (timing-reporter.ts; conformance runs only), Playwright's JSON report, the exchange records, the health
// report, and the mock's start-up and replay measured beside the run. Pure: the self-test feeds it a recorded run.
//
// The floor of a run is what its requests cost on that tenant, one at a time, with no harness at all: requests ×
// the median request duration, plus the waits the tenant imposes (the agent's pickup delay once per awaited
// transfer, Retry-After before a repeated request; waits.ts). Every time figure is also given as a ratio to it,
// which holds on a busy machine where seconds do not.
import { maskText } from '../../src/contract/secrets.js';
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import type { HealthReport } from '../health/classify.js';
import type { TimingEvent } from './timing-reporter.js';
import { waitsOf, type Waits } from './waits.js';

/** The parts of Playwright's JSON report the benchmark reads. */
interface PwResult { workerIndex: number; parallelIndex: number; status: string; duration: number; startTime: string; error?: { message?: string }; errors?: Array<{ message?: string }> }
interface PwSpec { title: string; file: string; tests: Array<{ results: PwResult[] }> }
interface PwSuite { title: string; specs?: PwSpec[]; suites?: PwSuite[] }
export interface PwReport { suites?: PwSuite[]; errors?: Array<{ message?: string }>; stats?: { startTime: string; duration: number; expected: number; unexpected: number; skipped: number; flaky: number } }

/** One test's result, from the timing events or the JSON report. */
export interface TestRun {
  title: string;
  workerIndex: number;
  parallelIndex: number;
  status: string;
  startTime: number;
  durationMs: number;
  /** When the test was over: as the reporter saw it (timing events), else startTime + durationMs. Playwright's
   *  duration leaves out the setup of worker-scoped fixtures, so the first test of a worker ends well after it. */
  endTime: number;
  error?: string;
}

export interface RunOutcome {
  exitCode: number | null;
  /** The signal that ended it, when one did (a run stopped at its deadline). */
  signal?: string | null;
  startedAt: number;
  wallMs: number;
  killedAtS?: number;
  output: string;
  /** When the run first printed anything beyond the suite's banner (ms after the start). */
  firstOutputMs?: number;
}

export interface RunInputs {
  scenario: string;
  command: 'conformance' | 'health';
  tenant: string;
  /** The agent's pickup delay of this tenant (ms), when known. */
  pickupMs: number;
  run: RunOutcome;
  timing?: TimingEvent[];
  report?: PwReport;
  records: ExchangeRecord[];
  /** Names of the exchange-record files (worker-<index>-<pid>.jsonl): one per worker process that sent anything. */
  exchangeFiles?: string[];
  health?: HealthReport;
  /** When the embedded mock first accepted a connection (ms since the epoch). */
  mockReadyAt?: number;
  /** `npm run mock` to listening, measured on its own (ms). */
  mockStartMs?: number;
  replay?: ReplayFigures;
}

export interface ReplayFigures {
  /** Wall time to send the run's recorded requests again without Playwright (ms), at `concurrency`. */
  ms: number;
  requests: number;
  concurrency: number;
  /** Replayed answers with the recorded status (how faithful the replay was). */
  sameStatus: number;
  /** The median duration of the replayed requests: the tenant's latency without a harness (ms). */
  medianMs: number | null;
  /** The replay reached its deadline before it sent every request. */
  cutShort?: boolean;
}

export interface RunFigures {
  scenario: string;
  command: 'conformance' | 'health';
  tenant: string;
  exitCode: number | null;
  signal?: string;
  killedAtS?: number;
  wallMs: number;
  /** What the run said, in one line (masked). */
  said: string;
  tests: { planned?: number; done: number; passed: number; failed: number; skipped: number };
  /** When the first failed test ended (ms after the start), as a reporter first knew it. */
  firstFailureMs?: number;
  /** When the run first printed anything beyond the suite's banner (ms after the start). */
  firstOutputMs?: number;
  startup: {
    /** Config loaded (reporter constructed), onBegin, first test begun, first request sent: ms after the start. */
    configLoadedMs?: number;
    beginMs?: number;
    firstTestMs?: number;
    firstRequestMs?: number;
    /** The embedded mock listening (ms after the start), and `npm run mock` to listening on its own. */
    mockReadyMs?: number;
    mockStartMs?: number;
    /** The start-up figure used in the ratios: first test begun (conformance) or first request (health). */
    ms?: number;
  };
  /** Σ test durations (fixtures included), and from the last test's end to the exit (reports, web server). */
  testSumMs: number;
  tailMs?: number;
  requests: { count: number; medianMs: number | null; sumMs: number; noAnswer: number; transient: number };
  workers: {
    starts: number;
    lanes: number;
    /** Gaps in a lane where the worker changed (the old one torn down, a new one started, its files loaded); from
     *  the JSON report alone (health runs) they also hold the worker fixtures' setup. */
    restartGapMs?: number;
    /** Gaps in a lane between two tests of the same worker (dispatch, reporting, a busy machine). */
    betweenTestsMs?: number;
    /** Setup of the worker-scoped fixtures (config, contract, fabricTokens; before the validators were compiled on
     *  first use, config compiled them all), summed: not part of Playwright's test durations. */
    workerFixtureMs?: number;
  };
  /** The fixtures that cost most (setup and teardown summed over the run). */
  fixtures?: Array<{ name: string; setupMs: number; teardownMs: number; count: number }>;
  waits: Waits & { pickupMs: number; imposedMs: number };
  floor: {
    ms: number | null;
    /** requests × medianMs, the median of the replay when there was one (the tenant without a harness), else of the records. */
    requestsMs: number | null;
    medianMs: number | null;
    medianFrom: 'replay' | 'records';
    imposedMs: number;
    /** The health check's own throttle (CEC_HEALTH_MAX_RPS): the least time its requests may take. Not in `ms`. */
    rateMs?: number;
    replay?: ReplayFigures;
  };
  ratios: { wall: number | null; startup: number | null; tests: number | null; waits: number | null; wallToReplay?: number };
}

/** Fixtures of worker scope in fixtures/index.ts: their setup is paid once per worker start. */
export const WORKER_FIXTURES = ['config', 'contract', 'fabricTokens'];

export const median = (xs: readonly number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

const firstLine = (s: string | undefined): string | undefined =>
  s?.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).find(Boolean);

export function testsFromTiming(events: readonly TimingEvent[]): TestRun[] {
  return events.flatMap((e) => (e.e === 'testEnd'
    ? [{ title: e.title, workerIndex: e.workerIndex, parallelIndex: e.parallelIndex, status: e.status, startTime: e.startTime, durationMs: e.durationMs, endTime: Math.max(e.t, e.startTime + e.durationMs), ...(e.error ? { error: e.error } : {}) }]
    : []));
}

export function testsFromReport(report: PwReport): TestRun[] {
  const out: TestRun[] = [];
  const visit = (s: PwSuite, path: string[]): void => {
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests) {
        for (const r of t.results) {
          const error = firstLine(r.error?.message ?? r.errors?.[0]?.message);
          const startTime = Date.parse(r.startTime);
          out.push({ title: [...path, spec.title].join(' › '), workerIndex: r.workerIndex, parallelIndex: r.parallelIndex, status: r.status, startTime, durationMs: r.duration, endTime: startTime + r.duration, ...(error ? { error } : {}) });
        }
      }
    }
    for (const c of s.suites ?? []) visit(c, [...path, c.title]);
  };
  for (const s of report.suites ?? []) visit(s, []);
  return out;
}

/** Worker starts and the gaps in each parallel lane where one worker gave way to the next. */
export function workerFigures(tests: readonly TestRun[], exchangeFiles: readonly string[] = []): { starts: number; lanes: number; restartGapMs?: number; betweenTestsMs?: number } {
  if (!tests.length) {
    const procs = new Set(exchangeFiles.map((f) => /^worker-(\d+)-(\d+)\.jsonl$/.exec(f)).filter(Boolean).map((m) => `${m![1]}-${m![2]}`));
    return { starts: procs.size, lanes: 0 };
  }
  const lanes = new Map<number, TestRun[]>();
  for (const t of tests) lanes.set(t.parallelIndex, [...(lanes.get(t.parallelIndex) ?? []), t]);
  let restartGapMs = 0;
  let betweenTestsMs = 0;
  for (const lane of lanes.values()) {
    lane.sort((a, b) => a.startTime - b.startTime);
    for (let i = 1; i < lane.length; i++) {
      const gap = Math.max(0, lane[i].startTime - lane[i - 1].endTime);
      if (lane[i].workerIndex !== lane[i - 1].workerIndex) restartGapMs += gap;
      else betweenTestsMs += gap;
    }
  }
  return { starts: new Set(tests.map((t) => t.workerIndex)).size, lanes: lanes.size, restartGapMs: Math.round(restartGapMs), betweenTestsMs: Math.round(betweenTestsMs) };
}

export function fixtureFigures(events: readonly TimingEvent[]): NonNullable<RunFigures['fixtures']> {
  const by = new Map<string, { name: string; setupMs: number; teardownMs: number; count: number }>();
  for (const e of events) {
    if (e.e !== 'fixture') continue;
    const f = by.get(e.name) ?? { name: e.name, setupMs: 0, teardownMs: 0, count: 0 };
    if (e.phase === 'setup') { f.setupMs += e.durationMs; f.count++; } else f.teardownMs += e.durationMs;
    by.set(e.name, f);
  }
  return [...by.values()].sort((a, b) => (b.setupMs + b.teardownMs) - (a.setupMs + a.teardownMs));
}

/** Playwright's closing counts ("  3 failed", "  12 passed (4.1s)", "  1 error was not a part of any test"). */
export const SUMMARY = /^\s*(\d+ (?:passed|failed|flaky|skipped|did not run|interrupted)\b.*|\d+ errors? (?:was|were) not a part of any test.*)$/;

/** What the run said, in one line: the verdict (health) or the counts (conformance), and the first reason. */
export function saidOf(inputs: Pick<RunInputs, 'command' | 'run' | 'timing' | 'report'>, tests: readonly TestRun[]): string {
  const lines = inputs.run.output.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const killed = inputs.run.killedAtS !== undefined ? `killed at ${inputs.run.killedAtS} s; ` : '';
  let text: string;
  if (inputs.command === 'health') {
    const head = lines.find((l) => l.startsWith('CEC tenant health:'));
    const reason = lines.find((l) => /^ {7}\S/.test(l))?.trim();
    text = head ? [head, reason].filter(Boolean).join(' — ') : `printed nothing${lines.some((l) => l.trim()) ? ` but: ${firstLine(lines.filter((l) => l.trim()).slice(-1)[0])}` : ''}`;
  } else {
    const counts = lines.map((l) => SUMMARY.exec(l)?.[1]?.trim()).filter(Boolean).join(', ');
    const globalError = inputs.timing?.find((e) => e.e === 'error');
    const reason = (globalError?.e === 'error' ? globalError.message : undefined)
      ?? firstLine(inputs.report?.errors?.[0]?.message) ?? tests.find((t) => t.error)?.error;
    text = [counts || `${tests.length} tests done`, reason ? `first: ${reason}` : undefined].filter(Boolean).join(' — ');
  }
  return maskText(`${killed}${text}`).slice(0, 400);
}

const round = (n: number | null | undefined): number | null => (n === null || n === undefined ? null : Math.round(n));
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  (a === null || a === undefined || !b ? null : Math.round((a / b) * 10) / 10);

export function computeFigures(inputs: RunInputs): RunFigures {
  const { run, timing = [], records } = inputs;
  const at = (t: number | undefined): number | undefined => (t === undefined ? undefined : Math.round(t - run.startedAt));
  const tests = timing.length ? testsFromTiming(timing) : inputs.report ? testsFromReport(inputs.report) : [];
  const event = <K extends TimingEvent['e']>(k: K): Extract<TimingEvent, { e: K }> | undefined => timing.find((e) => e.e === k) as Extract<TimingEvent, { e: K }> | undefined;
  const begin = event('begin');
  const firstTestAt = timing.length ? (event('testBegin')?.t) : tests.length ? Math.min(...tests.map((t) => t.startTime)) : undefined;
  const requestStarts = records.map((r) => Date.parse(r.startedAt));
  const firstRequestAt = requestStarts.length ? Math.min(...requestStarts) : undefined;
  const lastEnd = tests.length ? Math.max(...tests.map((t) => t.endTime)) : undefined;
  const failed = tests.filter((t) => t.status === 'failed' || t.status === 'timedOut');
  const firstFailure = failed.length ? Math.min(...failed.map((t) => t.endTime)) : undefined;

  const durations = records.map((r) => r.durationMs);
  const medianMs = median(durations);
  // The tenant's own latency: the replay's median (no harness in front of it), else the recorded one.
  const floorMedian = inputs.replay?.medianMs ?? medianMs;
  const requestsFloor = floorMedian === null ? null : records.length * floorMedian;
  const maxRps = inputs.health?.policy?.maxRps;
  const waits = waitsOf(records);
  const imposedMs = waits.awaitedTransfers * inputs.pickupMs + waits.retryAfterMs;
  const floorMs = requestsFloor === null ? null : requestsFloor + imposedMs;
  const startupMs = inputs.command === 'conformance' ? at(firstTestAt) : at(firstRequestAt);
  const testSumMs = Math.round(tests.reduce((s, t) => s + t.durationMs, 0));
  const fixtures = timing.length ? fixtureFigures(timing) : undefined;
  const workerFixtureMs = fixtures ? Math.round(fixtures.filter((f) => WORKER_FIXTURES.includes(f.name)).reduce((s, f) => s + f.setupMs, 0)) : undefined;
  const planned = begin?.tests ?? (inputs.report?.stats ? inputs.report.stats.expected + inputs.report.stats.unexpected + inputs.report.stats.skipped + inputs.report.stats.flaky : inputs.health?.checks.length);

  return {
    scenario: inputs.scenario,
    command: inputs.command,
    tenant: inputs.tenant,
    exitCode: run.exitCode,
    ...(run.signal ? { signal: run.signal } : {}),
    ...(run.killedAtS !== undefined ? { killedAtS: run.killedAtS } : {}),
    wallMs: Math.round(run.wallMs),
    said: saidOf(inputs, tests),
    tests: {
      ...(planned !== undefined ? { planned } : {}),
      done: tests.filter((t) => t.status !== 'interrupted').length,
      passed: tests.filter((t) => t.status === 'passed').length,
      failed: failed.length,
      skipped: tests.filter((t) => t.status === 'skipped').length,
    },
    ...(firstFailure !== undefined ? { firstFailureMs: at(firstFailure) } : {}),
    ...(run.firstOutputMs !== undefined ? { firstOutputMs: run.firstOutputMs } : {}),
    startup: {
      configLoadedMs: at(event('loaded')?.t),
      beginMs: at(begin?.t),
      firstTestMs: at(firstTestAt),
      firstRequestMs: at(firstRequestAt),
      mockReadyMs: at(inputs.mockReadyAt),
      mockStartMs: inputs.mockStartMs,
      ms: startupMs,
    },
    testSumMs,
    ...(lastEnd !== undefined && run.killedAtS === undefined ? { tailMs: Math.round(run.startedAt + run.wallMs - lastEnd) } : {}),
    requests: {
      count: records.length,
      medianMs: medianMs,
      sumMs: Math.round(durations.reduce((s, d) => s + d, 0)),
      noAnswer: records.filter((r) => r.status === null).length,
      transient: records.filter((r) => r.status === 503 || r.status === 429 || r.resultCode === '10010000002').length,
    },
    workers: { ...workerFigures(tests, inputs.exchangeFiles), ...(workerFixtureMs !== undefined ? { workerFixtureMs } : {}) },
    ...(fixtures ? { fixtures: fixtures.slice(0, 10).map((f) => ({ ...f, setupMs: Math.round(f.setupMs), teardownMs: Math.round(f.teardownMs) })) } : {}),
    waits: { ...waits, pickupMs: inputs.pickupMs, imposedMs },
    floor: {
      ms: round(floorMs), requestsMs: round(requestsFloor), medianMs: floorMedian, medianFrom: inputs.replay?.medianMs != null ? 'replay' : 'records', imposedMs,
      ...(maxRps && records.length ? { rateMs: Math.round(((records.length - 1) * 1000) / maxRps) } : {}),
      ...(inputs.replay ? { replay: inputs.replay } : {}),
    },
    ratios: {
      wall: ratio(run.wallMs, floorMs),
      startup: ratio(startupMs, floorMs),
      tests: ratio(testSumMs, floorMs),
      waits: ratio(waits.waitMs, floorMs),
      ...(inputs.replay ? { wallToReplay: ratio(run.wallMs, inputs.replay.ms) ?? undefined } : {}),
    },
  };
}
