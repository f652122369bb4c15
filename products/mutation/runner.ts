// The runner of `npm run mutation` (products/mutation/mutation.cli.ts is its command line): is the conformance suite worth the
// breakages it notices? Runs the suite against the clean mock tenant, then against each mutant of the catalogue
// (catalogue.ts: the mock with exactly one deliberate defect). Every mock is served by one process (farm.ts, a port
// each); every run is its own Playwright run pointed at its mock (CEC_* variables, CEC_TARGET=mock, the JSON and
// findings reporters, its own output and reports directories under reports/mutation/runs/<name>/), several at a
// time. Prints the table (mutant, strength, verdict, what caught it, tests, seconds), writes reports/mutation.json and
// reports/mutation/index.html. Exit 0 when the clean run passes and every mutant that ran was caught as its rule asks
// (refuse: killed; guidance: warned, nothing failed), 1 otherwise, 2 on a usage error.
//
// Fast mode (the default), the way Stryker's coverage analysis picks tests per mutant: the clean run (the whole
// suite) records which operations each test calls (its exchange records); each mutant then meets only the tests that
// called an operation it touches (operations.ts, coverage.ts), in one worker, stopping at the first failure. Only when
// that focused run does not decide (a refuse mutant not killed, a guidance mutant without a new warning) does the
// whole suite run against it. `--full` runs the whole suite against every mutant. A mutant only an order of steps or
// two requests at once show (catalogue `killedBy: 'exploration'`) meets a bounded model-based exploration instead
// (products/explore/explore.cli.ts, the run's seed), in both modes, and is killed when it fails.
//
//   npm run mutation                                   # everything, fast
//   npm run mutation -- --only=reorder-messages,file-truncated --jobs=2 --workers=2
//   npm run mutation -- --full                         # every mutant against the whole suite
//   npm run mutation -- --list                         # the catalogue
//
// Flags (or MUTATION_* variables): --jobs (runs at a time), --workers (Playwright workers of a whole-suite run),
// --max-failures (a whole-suite run stops after this many failed tests), --agent-delay-ms (MOCK_AGENT_DELAY_MS of
// the mocks), --reply-timeout-ms (CEC_REPLY_TIMEOUT_MS: how long a test waits for a reply that a mutant may never
// send), --run-timeout-s (a run still going after this is stopped and counted as an error), --seed, --only, --list,
// --fast (the default), --full, --reports-dir (default reports/), --tests (only these test files of the suite, as
// Playwright's file filters: every run of the suite, the clean one included, is that part), --include-dropped (run the dropped mutants too;
// they survive by design), --explore-runs, --explore-seconds, --explore-shrink-seconds (the bounded exploration that
// meets a mutant only an order of steps shows, catalogue `killedBy: 'exploration'`, in fast and full mode alike),
// --without-exploration (such mutants meet the suite's fixed tests instead, @explore left out: they survive them,
// which is why the exploration meets them), --profile=default|lenient (MOCK_PROFILE of every mock: the lenient
// profile's lawful-but-different readings under every mutant; default reports go to reports/, lenient ones to
// reports/lenient/ unless --reports-dir says otherwise).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentialVariables, MOCK_DEFAULTS } from '../../mock/credentials.js';
import { childEnv } from '../../src/suite/child-env.js';
import { exchangesDir } from '../../src/contract/exchange.js';
import { MUTATIONS, type MutationName } from './catalogue.js';
import { coverageOfRun, EXPLORE_TAG, testListable, testsMeeting, writeTestList, type TestCalls } from './coverage.js';
import { describeTouch, touchOf } from './operations.js';
import {
  buildDocument, cleanVerdict, decisive, firstLine, mutantVerdict, newWarnings, renderHtml, renderTable, summarize, testsRan, testsText,
  type FindingsFile, type MutantResult, type MutationDocument, type PwReport, type RunSummary, type TestsRun, type Warning,
} from './report.js';
import { CLEAN, spawnFarm, type Farm } from './spawn.js';
import { readFlags, UsageError, usageExit } from './flags.js';
import type { Strength } from '../../src/contract/rules.js';
import type { Mutation } from './types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the outputs go: <reports>/mutation.json, <reports>/mutation/index.html, <reports>/mutation/runs/<name>/. */
const outputs = (reportsDir: string) => ({
  json: join(reportsDir, 'mutation.json'),
  html: join(reportsDir, 'mutation', 'index.html'),
  coverage: join(reportsDir, 'mutation', 'coverage.json'),
  runs: join(reportsDir, 'mutation', 'runs'),
});
let RUNS = outputs(join(ROOT, 'reports')).runs;
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
/** The suite's configuration (whole-suite runs: the smoke gate first) and the focused runs' (one project). */
const SUITE_CONFIG = join(ROOT, 'playwright.config.ts');
const FOCUS_CONFIG = join(ROOT, 'products', 'mutation', 'playwright.config.ts');
const FINDINGS_REPORTER = join(ROOT, 'products', 'findings', 'reporter.ts');

interface Settings {
  jobs: number;
  workers: number;
  maxFailures: number;
  agentDelayMs: number;
  replyTimeoutMs: number;
  runTimeoutS: number;
  seed: string;
  only?: string[];
  /** Only these test files of the suite (Playwright's file filters, e.g. contract/token.spec.ts); undefined: all. */
  tests?: string[];
  list: boolean;
  /** Every mutant against the whole suite (no focused runs). */
  full: boolean;
  /** Run the dropped mutants too (they are expected to survive: a check of the runner itself). */
  includeDropped: boolean;
  /** Where reports go (default reports/). */
  reportsDir: string;
  /** The exploration of a mutant only it kills (catalogue `killedBy`): runs at most, seconds, seconds of shrinking. */
  explore: { runs: number; seconds: number; shrinkSeconds: number };
  /** Those mutants meet the suite like the others instead (they survive it: what the exploration is for). */
  withoutExploration: boolean;
  /** The mock's profile (MOCK_PROFILE) under every mutant and the clean mock: `lenient` reads the documents the other
   *  lawful way, so a mutant killed on the default profile and not on this one is a test that depends on one reading. */
  profile: 'default' | 'lenient';
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const values = readFlags(argv);
  const given = new Map(Object.entries(values).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => [k, String(v)]));
  const raw = (name: string): string | undefined => given.get(name) ?? env[`MUTATION_${name.toUpperCase().replace(/-/g, '_')}`];
  const int = (name: string, fallback: number, min: number): number => {
    const v = raw(name);
    if (v === undefined || v === '') return fallback;
    if (!/^[0-9]+$/.test(v) || Number(v) < min) throw new UsageError(`--${name}: "${v}" is not a whole number >= ${min}`);
    return Number(v);
  };
  const flag = (name: string): boolean => ['true', '1', 'yes', 'on'].includes(raw(name)?.toLowerCase() ?? '');
  const only = raw('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const tests = raw('tests')?.split(',').map((s) => s.trim()).filter(Boolean);
  if (tests && !tests.length) throw new UsageError('--tests: no test file named');
  if (tests?.some((t) => t.startsWith('-'))) throw new UsageError(`--tests: "${tests.find((t) => t.startsWith('-'))}" is not a test file`);
  const unknown = only?.filter((n) => !(n in MUTATIONS));
  if (unknown?.length) throw new UsageError(`unknown mutant(s): ${unknown.join(', ')}; valid names: ${Object.keys(MUTATIONS).join(', ')}`);
  if (flag('fast') && flag('full')) throw new UsageError('--fast and --full exclude each other');
  const profile = raw('profile') || 'default';
  if (profile !== 'default' && profile !== 'lenient') throw new UsageError(`--profile: "${profile}" is not default or lenient`);
  return {
    jobs: int('jobs', 3, 1),
    workers: int('workers', 2, 1),
    maxFailures: int('max-failures', 2, 1),
    agentDelayMs: int('agent-delay-ms', 100, 0),
    replyTimeoutMs: int('reply-timeout-ms', 5000, 1000),
    runTimeoutS: int('run-timeout-s', 150, 10),
    seed: raw('seed') || 'mutation-testing',
    only,
    ...(tests ? { tests } : {}),
    list: flag('list'),
    full: flag('full'),
    includeDropped: flag('include-dropped'),
    reportsDir: resolve(ROOT, raw('reports-dir') || (raw('profile') === 'lenient' ? join('reports', 'lenient') : 'reports')),
    explore: { runs: int('explore-runs', 400, 1), seconds: int('explore-seconds', 60, 1), shrinkSeconds: int('explore-shrink-seconds', 20, 0) },
    withoutExploration: flag('without-exploration'),
    profile,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes. Each child is started in its own process group and stopped by that group's id.

const running = new Set<ChildProcess>();

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch { /* already gone */ }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((res) => child.once('exit', (code) => res(code)));
}


/** One process serving the clean mock and every mutant to run, each on a free port (farm.ts). */
async function startFarm(names: string[], s: Settings): Promise<Farm> {
  const env: NodeJS.ProcessEnv = {
    ...childEnv(),
    MOCK_HOST: '127.0.0.1',
    MOCK_ADMIN: '1',
    MOCK_SEED: s.seed,
    MOCK_PROFILE: s.profile,
    MOCK_AGENT_DELAY_MS: String(s.agentDelayMs),
    MOCK_LOG_LEVEL: 'error',
  };
  const farm = await spawnFarm(names, { env, log: createWriteStream(join(RUNS, 'farm.log')) });
  running.add(farm.child);
  farm.child.once('exit', () => running.delete(farm.child));
  return farm;
}

/** Empties a mock's state (POST /__mock/reset; the mocks run with MOCK_ADMIN=1). */
async function resetMock(url: string): Promise<void> {
  const r = await fetch(`${url}/__mock/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (r.status !== 200) throw new Error(`POST ${url}/__mock/reset answered ${r.status}`);
}

interface SuiteRun {
  /** A --test-list file (a focused run, with the focus configuration); undefined: the whole suite. */
  testList?: string;
  workers: number;
  maxFailures: number;
  /** CEC_SEED of the run (the suite's user IDs derive from it). */
  seed: string;
  /** CEC_REPLY_TIMEOUT_MS of the run. */
  replyTimeoutMs: number;
  /** Leaves out the bounded exploration (@explore): only the fixed tests meet the mutant. */
  fixedOnly?: boolean;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The suite's settings for a run against the mock at `url`: its credentials, the seed, the reply deadline, `dir`. */
function suiteEnv(url: string, dir: string, seed: string, replyTimeoutMs: number): NodeJS.ProcessEnv {
  return {
    ...childEnv(),
    CEC_BASE_URL: url,
    CEC_TARGET: 'mock',
    CEC_AGENT_GATEWAY_URL: url,
    ...credentialVariables(MOCK_DEFAULTS),
    CEC_SEED: seed,
    CEC_REPLY_TIMEOUT_MS: String(replyTimeoutMs),
    CEC_TEST_TIMEOUT_MS: String(Math.max(30_000, replyTimeoutMs * 4)),
    CEC_REPORTS_DIR: dir,
    CEC_SUITE_ANNOUNCED: '1',
    FORCE_COLOR: '0',
  };
}

/** A node process in its own group, its output to `logFile`, stopped after `timeoutS`; its exit code. */
async function runLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string, timeoutS: number): Promise<{ code: number | null; timedOut: boolean }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop(child);
    setTimeout(() => stop(child, 'SIGKILL'), 5_000).unref();
  }, timeoutS * 1000);
  const code = await exited(child);
  clearTimeout(timer);
  return { code, timedOut };
}

/** One Playwright run against `url`; resolves with its summary (undefined: no report). */
async function runSuite(url: string, s: Settings, dir: string, run: SuiteRun): Promise<{ summary?: RunSummary; timedOut: boolean }> {
  mkdirSync(dir, { recursive: true });
  const reportFile = join(dir, 'report.json');
  const env: NodeJS.ProcessEnv = { ...suiteEnv(url, dir, run.seed, run.replyTimeoutMs), PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile };
  const args = [PLAYWRIGHT_CLI, 'test', '-c', run.testList ? FOCUS_CONFIG : SUITE_CONFIG, `--reporter=json,${FINDINGS_REPORTER}`,
    `--output=${join(dir, 'test-results')}`, `--workers=${run.workers}`, `--max-failures=${run.maxFailures}`,
    ...(run.testList ? [`--test-list=${run.testList}`] : []), ...(run.fixedOnly ? [`--grep-invert=${EXPLORE_TAG}`] : []),
    // The part of the suite this mutation run measures (--tests): Playwright's file filters, after the flags.
    ...(s.tests ?? [])];
  const { timedOut } = await runLogged(args, env, join(dir, 'playwright.log'), s.runTimeoutS);
  const report = readJson<PwReport>(reportFile);
  return { summary: report && summarize(report, readJson<FindingsFile>(join(dir, 'findings.json'))), timedOut };
}

// ---------------------------------------------------------------------------------------------------------------
// The runs: the clean one, then each mutant.

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

async function runClean(url: string, s: Settings): Promise<MutantResult> {
  const t0 = performance.now();
  const base = { name: CLEAN, area: '-', strength: '-' as const, rule: 'none: the mock as documented', how: '' };
  const { summary, timedOut } = await runSuite(url, s, join(RUNS, CLEAN, 'suite'), {
    workers: s.workers, maxFailures: s.maxFailures, seed: s.seed,
    // The clean run waits as long as the suite's default, so a busy machine cannot fail it.
    replyTimeoutMs: Math.max(s.replyTimeoutMs, 15_000),
  });
  const verdict = cleanVerdict(summary);
  const notes: string[] = [];
  if (timedOut) notes.push(`stopped after ${s.runTimeoutS} s`);
  if (!summary) notes.push(`no report; see ${relative(join(RUNS, CLEAN, 'suite', 'playwright.log'))}`);
  else if (verdict === 'failed') notes.push(`${summary.failed.length} failed, ${summary.errors.length} errors${summary.errors[0] ? `: ${summary.errors[0]}` : ''}`);
  return { ...base, verdict, caughtBy: summary?.failed ?? [], warnings: summary?.warnings ?? [], tests: { whole: summary ? testsRan(summary) : 0 }, seconds: seconds(t0), notes: notes.join('; ') };
}

/** The exploration's command line (products/explore/explore.cli.ts) and its reply deadline against a mutant of the mock, which owes
 *  its replies within milliseconds (the agent's pickup: --agent-delay-ms): short, so the replays that shrink a lost
 *  message stay quick. */
const EXPLORE_CLI = join(ROOT, 'products', 'explore', 'explore.cli.ts');
const EXPLORE_REPLY_TIMEOUT_MS = 2000;

/** What `npm run explore` leaves in <reports>/explore/summary.json (the part the verdict reads). */
interface ExploreSummary {
  ok: boolean;
  runs: number;
  warnings?: Array<{ observation: { signature: string; rule: string }; count: number }>;
  failure?: { message: string; repro?: string; steps: unknown[]; observation?: { signature: string; rule: string; message: string; strength: Strength } };
}

/**
 * A bounded exploration (products/explore/explore.cli.ts, the run's seed) against the mutant at `url`, as a run's summary: its
 * failure is the test that failed (killed: a refuse mutant; over-strict: a guidance one), its warnings the run's.
 * A guidance mutant's exploration runs strict (CEC_STRICT=1), so its first surprise ends the run and is shrunk to a
 * repro like a failure; a broken guidance rule is then the run's warning, not a failed test.
 * No summary, or a failure no rule explains: no test ran properly (error).
 */
async function runExploration(url: string, s: Settings, dir: string, strength: Strength): Promise<{ summary?: RunSummary; runs: number; notes: string[] }> {
  const args = ['--import', 'tsx', EXPLORE_CLI, `--runs=${s.explore.runs}`, `--seconds=${s.explore.seconds}`, `--seed=${s.seed}`,
    `--shrink-seconds=${s.explore.shrinkSeconds}`, `--reports-dir=${dir}`];
  const log = join(dir, 'explore', 'explore.log');
  mkdirSync(dirname(log), { recursive: true });
  // Strict only on the default profile: the lenient one's own readings are guidance surprises too, which a strict
  // exploration would stop at before it met the mutant; there its new warnings decide, as for the suite's runs.
  const env = { ...suiteEnv(url, dir, s.seed, EXPLORE_REPLY_TIMEOUT_MS), ...(strength === 'guidance' && s.profile === 'default' ? { CEC_STRICT: '1' } : {}) };
  const { code, timedOut } = await runLogged(args, env, log, s.runTimeoutS);
  const found = readJson<ExploreSummary>(join(dir, 'explore', 'summary.json'));
  if (timedOut || !found || (code !== 0 && code !== 1)) return { runs: found?.runs ?? 0, notes: [timedOut ? `exploration stopped after ${s.runTimeoutS} s` : `exploration exited ${code}; see ${relative(log)}`] };
  const f = found.failure;
  const surprise = f?.observation?.strength === 'guidance' ? [{ signature: f.observation.signature, rule: f.observation.rule, tests: [`exploration (seed ${s.seed}, ${f.steps.length} steps)`] }] : [];
  const warnings = [...(found.warnings ?? []).map(({ observation: o }) => ({ signature: o.signature, rule: o.rule, tests: ['exploration'] })), ...surprise];
  const failed = f?.observation && !surprise.length ? [{ title: `exploration (seed ${s.seed}, ${f.steps.length} steps): ${f.observation.signature}`, file: f.repro ? relative(f.repro) : '', project: 'explore', reason: firstLine(f.observation.message) }] : [];
  const errors = f && !f.observation ? [firstLine(f.message)] : [];
  return { summary: { failed, passed: found.runs - failed.length, skipped: 0, interrupted: 0, errors, warnings }, runs: found.runs, notes: [`exploration: ${found.runs} runs${f?.repro ? `; repro ${relative(f.repro)}` : ''}`] };
}

interface MutantContext {
  url: string;
  /** The clean run's tests and their calls (fast mode); undefined: every mutant gets the whole suite. */
  coverage?: ReadonlyMap<string, TestCalls>;
  cleanWarnings: readonly Warning[];
}

async function runMutant(name: MutationName, m: Mutation, s: Settings, ctx: MutantContext): Promise<MutantResult> {
  const dir = join(RUNS, name);
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const strength = m.strength ?? 'refuse';
  const touch = touchOf(name, m);
  const base = { name, area: m.area, strength, rule: m.rule, how: m.how, touches: describeTouch(touch) };
  const result = (verdict: MutantResult['verdict'], run: RunSummary | undefined, tests: TestsRun, notes: string[], focusDecided?: boolean): MutantResult => ({
    ...base, verdict, caughtBy: run?.failed ?? [], warnings: run ? newWarnings(run, ctx.cleanWarnings) : [], tests,
    ...(focusDecided !== undefined ? { focusDecided } : {}), seconds: seconds(t0), notes: notes.join('; '),
  });
  const notes: string[] = [];
  const tests: TestsRun = {};
  let focusDecided: boolean | undefined;
  try {
    // Only an order of steps or two requests at once show it (catalogue `killedBy`): the exploration meets it.
    if (m.killedBy === 'exploration' && !s.withoutExploration) {
      const run = await runExploration(ctx.url, s, dir, strength);
      tests.explored = run.runs;
      return result(mutantVerdict(strength, run.summary, ctx.cleanWarnings), run.summary, tests, run.notes);
    }
    if (ctx.coverage) {
      const selected = testsMeeting(ctx.coverage, touch).filter(testListable);
      tests.selected = selected.length;
      focusDecided = false;
      if (selected.length) {
        const list = join(dir, 'tests.txt');
        writeTestList(list, selected);
        // One worker, the first failure decides a refuse mutant (and makes a guidance one over-strict).
        const focus = await runSuite(ctx.url, s, join(dir, 'focus'), { testList: list, workers: 1, maxFailures: 1, seed: `${s.seed}:focus`, replyTimeoutMs: s.replyTimeoutMs });
        tests.focused = focus.summary ? testsRan(focus.summary) : 0;
        const verdict = mutantVerdict(strength, focus.summary, ctx.cleanWarnings);
        if (decisive(verdict)) return result(verdict, focus.summary, tests, notes, true);
        notes.push(`focus missed (${selected.length} tests${focus.timedOut ? `, stopped after ${s.runTimeoutS} s` : ''}): whole suite`);
        // The whole suite meets a fresh tenant, with other user IDs than the focused run's (a call or session the
        // focused run left behind must not fail it).
        await resetMock(ctx.url);
      } else notes.push('no test calls what it touches: whole suite');
    }
    // A mutant only the exploration kills, sent to the suite (--without-exploration): the fixed tests alone.
    const fixedOnly = m.killedBy === 'exploration';
    const { summary, timedOut } = await runSuite(ctx.url, s, join(dir, 'suite'), { workers: s.workers, maxFailures: s.maxFailures, seed: s.seed, replyTimeoutMs: s.replyTimeoutMs, fixedOnly });
    tests.whole = summary ? testsRan(summary) : 0;
    const verdict = mutantVerdict(strength, summary, ctx.cleanWarnings);
    if (timedOut) notes.push(`stopped after ${s.runTimeoutS} s`);
    if (!summary) notes.push(`no report; see ${relative(join(dir, 'suite', 'playwright.log'))}`);
    else if (verdict === 'error') notes.push(`no test ran properly: ${summary.errors[0] ?? 'no test passed'}`);
    else if (verdict === 'survived' && strength === 'refuse' && newWarnings(summary, ctx.cleanWarnings).length) notes.push('only warned: its rule is refuse, a test must fail');
    return result(verdict, summary, tests, notes, focusDecided);
  } catch (e) {
    notes.push((e as Error).message.split('\n')[0]);
    return result('error', undefined, tests, notes, focusDecided);
  }
}

/**
 * Two runs must not share a reports directory (each empties its runs/ first). Takes <reports>/mutation/.lock (the
 * pid inside; a lock of a dead process is taken over) and releases it at exit. Returns why it cannot, or undefined.
 */
function lockReports(reportsDir: string): string | undefined {
  const lock = join(reportsDir, 'mutation', '.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      process.once('exit', () => rmSync(lock, { force: true }));
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(lock, 'utf8'));
      let alive = false;
      try {
        alive = Number.isInteger(owner) && owner > 0 && process.kill(owner, 0);
      } catch (err) {
        alive = (err as NodeJS.ErrnoException).code === 'EPERM';
      }
      if (alive) return `another run (pid ${owner}) is writing to ${relative(dirname(lock))}: wait for it, or give this one --reports-dir=<another dir>`;
      rmSync(lock, { force: true });
    }
  }
  return `could not take ${relative(lock)}`;
}

const relative = (p: string): string => p.startsWith(`${ROOT}/`) ? p.slice(ROOT.length + 1) : p;

/** Mutants in the order to start them: slowest first by the previous run's timings (so the pool ends together). */
function schedule(names: MutationName[], previousJson: string): MutationName[] {
  const doc = readJson<MutationDocument>(previousJson);
  const previous: Record<string, number> = Object.fromEntries((doc?.mutants ?? []).map((m) => [m.name, m.seconds]));
  return [...names].sort((a, b) => (previous[b] ?? 60) - (previous[a] ?? 60));
}

function notRun(name: MutationName, m: Mutation, verdict: 'dropped' | 'cancelled', notes: string): MutantResult {
  return { name, area: m.area, strength: m.strength ?? 'refuse', rule: m.rule, how: m.how, verdict, caughtBy: [], warnings: [], tests: {}, seconds: 0, notes };
}

/**
 * CPU seconds (user + system) of this process and of every child it has waited for, with theirs (Linux:
 * /proc/self/stat's utime, stime, cutime, cstime in clock ticks of 1/100 s); undefined elsewhere.
 */
export function cpuSecondsWithChildren(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3): utime is field 14, i.e. fields[11]; then stime, cutime, cstime.
    return fields.slice(11, 15).map(Number).reduce((a, b) => a + b, 0) / 100;
  } catch {
    return undefined;
  }
}

/** `npm run mutation [flags]`: the exit code (0 every mutant caught as its rule asks, 1 not, 2 usage error or busy reports dir). */
export async function runMutation(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let s: Settings;
  try {
    s = parseArgs(argv, env);
  } catch (e) {
    return usageExit(e);
  }
  const catalogue = Object.entries(MUTATIONS) as Array<[MutationName, Mutation]>;
  if (s.list) {
    for (const [name, m] of catalogue) console.log(`${name.padEnd(34)} ${m.area.padEnd(12)} ${(m.strength ?? 'refuse').padEnd(9)} ${m.dropped ? '(dropped) ' : ''}${m.killedBy ? `(${m.killedBy}) ` : ''}${m.rule}`);
    return 0;
  }
  const selected = catalogue.filter(([name]) => !s.only || s.only.includes(name));
  const out = outputs(s.reportsDir);
  RUNS = out.runs;
  const runs = (m: Mutation): boolean => !m.dropped || s.includeDropped;
  const toRun = schedule(selected.filter(([, m]) => runs(m)).map(([name]) => name), out.json);
  const startedAt = new Date();
  const t0 = performance.now();
  const busy = lockReports(s.reportsDir);
  if (busy) {
    console.error(`npm run mutation: ${busy}`);
    return 2;
  }
  rmSync(RUNS, { recursive: true, force: true });
  mkdirSync(RUNS, { recursive: true });
  const suite = s.tests ? `the suite's ${s.tests.join(', ')}` : 'the whole suite';
  console.log(`Mutation testing: the clean mock (${suite}, ${s.workers} workers), then ${toRun.length} mutants, ${s.jobs} at a time; ` +
    `${s.full ? `each against ${suite}` : `each against the tests that call what it touches (1 worker, the first failure decides), ${suite} when they do not decide`}` +
    ` (--max-failures=${s.maxFailures}); MOCK_PROFILE=${s.profile}, MOCK_AGENT_DELAY_MS=${s.agentDelayMs}, CEC_REPLY_TIMEOUT_MS=${s.replyTimeoutMs}` +
    `${s.withoutExploration ? '; the exploration\'s mutants meet the suite\'s fixed tests (@explore left out)' : `; the exploration's mutants meet a bounded exploration (at most ${s.explore.runs} runs in ${s.explore.seconds} s, shrinking ${s.explore.shrinkSeconds} s)`}`);

  const results = new Map<string, MutantResult>();
  let clean: MutantResult;
  let farm: Farm | undefined;
  try {
    farm = await startFarm([CLEAN, ...toRun], s);
    clean = await runClean(farm.urls.get(CLEAN)!, s);
  } catch (e) {
    clean = { name: CLEAN, area: '-', strength: '-', rule: 'none: the mock as documented', how: '', verdict: 'failed', caughtBy: [], warnings: [], tests: {}, seconds: seconds(t0), notes: (e as Error).message.split('\n')[0] };
  }
  const total = toRun.length + 1;
  let done = 1;
  const log = (r: MutantResult): void => {
    const caught = r.verdict === 'warned' ? r.warnings.map((w) => `warning: ${w.signature}`) : r.caughtBy.map((c) => c.title);
    const by = caught[0] ? `  ← ${caught[0]}${caught.length > 1 ? ` (+${caught.length - 1})` : ''}` : '';
    const tests = testsText(r.tests);
    console.log(`[${String(done).padStart(2)}/${total}] ${r.verdict.padEnd(11)} ${r.name.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s ${tests.padStart(7)}${r.tests.explored === undefined ? ' tests' : ''}${by}${r.notes ? `  (${r.notes})` : ''}`);
  };
  log(clean);
  if (clean.verdict !== 'passed') {
    for (const c of clean.caughtBy.slice(0, 10)) console.log(`    clean run failed: ${c.title}: ${c.reason}`);
    for (const name of toRun) results.set(name, notRun(name, MUTATIONS[name], 'cancelled', 'not run: the clean run failed'));
  } else {
    const coverage = s.full ? undefined : coverageOfRun(exchangesDir(join(RUNS, CLEAN, 'suite')));
    if (coverage) writeFileSync(out.coverage, `${JSON.stringify(Object.fromEntries([...coverage].map(([id, t]) => [id, t.calls])), null, 1)}\n`);
    const queue = [...toRun];
    const worker = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const r = await runMutant(name, MUTATIONS[name], s, { url: farm!.urls.get(name)!, coverage, cleanWarnings: clean.warnings });
        done++;
        log(r);
        results.set(name, r);
      }
    };
    await Promise.all(Array.from({ length: Math.min(s.jobs, toRun.length) }, worker));
  }
  await farm?.stop();

  const mutants = selected.map(([name, m]) => results.get(name) ?? notRun(name, m, 'dropped', `dropped: ${m.dropped}`));
  const doc = buildDocument({
    startedAt,
    wallSeconds: seconds(t0),
    cpuSeconds: cpuSecondsWithChildren(),
    settings: { mode: s.full ? 'full' : 'fast', profile: s.profile, jobs: s.jobs, workers: s.workers, maxFailures: s.maxFailures, agentDelayMs: s.agentDelayMs, replyTimeoutMs: s.replyTimeoutMs, seed: s.seed, ...(s.only ? { only: s.only } : {}), ...(s.tests ? { tests: s.tests } : {}) },
    clean,
    mutants,
  });
  mkdirSync(dirname(out.html), { recursive: true });
  writeFileSync(out.json, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(out.html, renderHtml(doc));
  console.log(`\n${renderTable(doc)}\n\nWrote ${relative(out.json)} and ${relative(out.html)}; each run's logs and report under ${relative(RUNS)}/<name>/`);
  return doc.ok ? 0 : 1;
}

/** On SIGINT/SIGTERM every run's processes are killed before the runner exits. */
export function stopRunsOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) stop(child, 'SIGKILL');
      process.exit(130);
    });
  }
}
