// npm run mutation: is the conformance suite worth the breakages it notices? Runs the suite against the clean mock
// tenant, then against each mutant of mock/mutations.ts (the mock with exactly one deliberate defect). Every run
// has its own mock process on a free port and its own Playwright run pointed at it (CEC_* variables, CEC_TARGET=mock,
// JSON reporter, its own output and reports directories under reports/mutation/runs/<name>/), several at a time.
// Prints the table (mutant, rule, killed/survived, which tests caught it, seconds), writes reports/mutation.json and
// reports/mutation/index.html. Exit 0 when the clean run passes and every mutant that ran was killed, 1 otherwise,
// 2 on a usage error.
//
// The clean run is the whole suite. A mutant first meets the spec files most likely to catch it (src/mutation/focus.ts,
// one worker, stop at the first failure); if they do not, the whole suite runs against it, and only a whole-suite run
// can call a mutant survived. `--full` skips the focused runs (every mutant gets the whole suite; ~3x the time).
//
//   npm run mutation                                   # everything
//   npm run mutation -- --only=reorder-messages,file-truncated --jobs=2 --workers=2
//   npm run mutation -- --list                         # the catalogue
//
// Flags (or MUTATION_* variables): --jobs (runs at a time), --workers (Playwright workers per run), --max-failures
// (a killed run stops after this many failed tests), --agent-delay-ms (MOCK_AGENT_DELAY_MS of every mock),
// --reply-timeout-ms (CEC_REPLY_TIMEOUT_MS: how long a test waits for a reply that a mutant may never send),
// --run-timeout-s (a run still going after this is stopped and counted as an error), --seed, --only, --list, --full,
// --reports-dir (default reports/), --include-dropped (run the dropped mutants too; they survive by design).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_DEFAULTS } from '../mock/credentials.js';
import { MUTATIONS, type Mutation, type MutationName } from '../mock/mutations.js';
import { spawnMock } from '../mock/spawn.js';
import {
  buildDocument, cleanVerdict, firstLine, mutantVerdict, renderHtml, renderTable, summarize,
  type MutantResult, type MutationDocument, type PwReport, type RunSummary,
} from '../src/mutation/report.js';
import { focusOf } from '../src/mutation/focus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the outputs go: <reports>/mutation.json, <reports>/mutation/index.html, <reports>/mutation/runs/<name>/. */
const outputs = (reportsDir: string) => ({
  json: join(reportsDir, 'mutation.json'),
  html: join(reportsDir, 'mutation', 'index.html'),
  runs: join(reportsDir, 'mutation', 'runs'),
});
let RUNS = outputs(join(ROOT, 'reports')).runs;
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const CLEAN = 'clean';

interface Settings {
  jobs: number;
  workers: number;
  maxFailures: number;
  agentDelayMs: number;
  replyTimeoutMs: number;
  runTimeoutS: number;
  seed: string;
  only?: string[];
  list: boolean;
  /** Skip the focused first run: every mutant gets the whole suite at once. */
  full: boolean;
  /** Run the dropped mutants too (they are expected to survive: a check of the runner itself). */
  includeDropped: boolean;
  /** Where reports go (default reports/). */
  reportsDir: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const given = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}"`);
    given.set(m[1], m[2] ?? 'true');
  }
  const known = ['jobs', 'workers', 'max-failures', 'agent-delay-ms', 'reply-timeout-ms', 'run-timeout-s', 'seed', 'only', 'list', 'full', 'include-dropped', 'reports-dir'];
  for (const k of given.keys()) if (!known.includes(k)) throw new UsageError(`unknown flag --${k}; flags: ${known.map((x) => `--${x}`).join(' ')}`);
  const raw = (name: string): string | undefined => given.get(name) ?? env[`MUTATION_${name.toUpperCase().replace(/-/g, '_')}`];
  const int = (name: string, fallback: number, min: number): number => {
    const v = raw(name);
    if (v === undefined || v === '') return fallback;
    if (!/^[0-9]+$/.test(v) || Number(v) < min) throw new UsageError(`--${name}: "${v}" is not a whole number >= ${min}`);
    return Number(v);
  };
  const flag = (name: string): boolean => ['true', '1', 'yes', 'on'].includes(raw(name)?.toLowerCase() ?? '');
  const only = raw('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((n) => !(n in MUTATIONS));
  if (unknown?.length) throw new UsageError(`unknown mutant(s): ${unknown.join(', ')}; valid names: ${Object.keys(MUTATIONS).join(', ')}`);
  return {
    jobs: int('jobs', 3, 1),
    workers: int('workers', 2, 1),
    maxFailures: int('max-failures', 2, 1),
    agentDelayMs: int('agent-delay-ms', 100, 0),
    replyTimeoutMs: int('reply-timeout-ms', 5000, 1000),
    runTimeoutS: int('run-timeout-s', 150, 10),
    seed: raw('seed') || 'mutation-testing',
    only,
    list: flag('list'),
    full: flag('full'),
    includeDropped: flag('include-dropped'),
    reportsDir: resolve(ROOT, raw('reports-dir') || 'reports'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes. Each run's children are started in their own process group and stopped by that group's id.

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

/** Starts a mock tenant on a free port; resolves with its base URL once it listens. */
async function startMock(name: string, mutation: string | undefined, s: Settings, dir: string): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    MOCK_PORT: '0',
    MOCK_HOST: '127.0.0.1',
    MOCK_ADMIN: '1',
    MOCK_SEED: `${s.seed}:${name}`,
    MOCK_AGENT_DELAY_MS: String(s.agentDelayMs),
    MOCK_LOG_LEVEL: 'error',
    ...(mutation ? { MOCK_MUTATION: mutation } : {}),
  };
  const mock = await spawnMock({ env, detached: true, log: createWriteStream(join(dir, 'mock.log')), label: `the ${name} mock` });
  running.add(mock.child);
  mock.child.once('exit', () => running.delete(mock.child));
  return mock;
}

/** Empties the mock's state (POST /__mock/reset; the mocks run with MOCK_ADMIN=1). */
async function resetMock(url: string): Promise<void> {
  const r = await fetch(`${url}/__mock/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (r.status !== 200) throw new Error(`POST ${url}/__mock/reset answered ${r.status}`);
}

/**
 * The environment without the caller's CEC_* and MOCK_* settings (each run sets its own) and without the variables
 * of a Playwright run this one may have been started from (a self-test): the runs are Playwright runs of their own.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CEC_|MOCK_|TEST_|PW_|PLAYWRIGHT_)/.test(k)));
}

interface SuiteRun {
  /** Test files or directories to run (empty: the whole suite). */
  files: readonly string[];
  workers: number;
  maxFailures: number;
  /** CEC_SEED of the run (the suite's user IDs derive from it). */
  seed: string;
  /** CEC_REPLY_TIMEOUT_MS of the run. */
  replyTimeoutMs: number;
}

/** The suite's settings for a run against the mock at `url` (its credentials, the seed, the reply deadline). */
function suiteEnv(url: string, dir: string, seed: string, replyTimeoutMs: number): NodeJS.ProcessEnv {
  const c = MOCK_DEFAULTS;
  return {
    ...cleanEnv(),
    CEC_BASE_URL: url,
    CEC_TARGET: 'mock',
    CEC_APP_KEY: c.appKey,
    CEC_APP_SECRET: c.appSecret,
    CEC_CHANNEL_CONFIG_ID: c.channelConfigId,
    CEC_AGENT_GATEWAY_URL: url,
    CEC_AGENT_ID: c.agentId,
    CEC_AGENT_GUID: c.agentGuid,
    CEC_AGENT_PASSWORD: c.agentPassword,
    CEC_AGENT_PHONE: c.agentPhone,
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

/** One Playwright run of the suite (or of `run.files`) against `url`; resolves with its summary (undefined: no report). */
async function runSuite(url: string, s: Settings, dir: string, run: SuiteRun): Promise<{ summary?: RunSummary; timedOut: boolean }> {
  mkdirSync(dir, { recursive: true });
  const reportFile = join(dir, 'report.json');
  const env: NodeJS.ProcessEnv = { ...suiteEnv(url, dir, run.seed, run.replyTimeoutMs), PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile };
  const args = [PLAYWRIGHT_CLI, 'test', '--reporter=json', `--output=${join(dir, 'test-results')}`, `--workers=${run.workers}`, `--max-failures=${run.maxFailures}`, ...run.files];
  const { timedOut } = await runLogged(args, env, join(dir, 'playwright.log'), s.runTimeoutS);
  if (!existsSync(reportFile)) return { timedOut };
  try {
    return { summary: summarize(JSON.parse(readFileSync(reportFile, 'utf8')) as PwReport), timedOut };
  } catch {
    return { timedOut };
  }
}

/** A mutant only the exploration's orders of steps show (mock/mutations-explore.ts): the fixed suite would let it survive. */
const killedByExploration = (m: Mutation | undefined): boolean => (m as { killedBy?: string } | undefined)?.killedBy === 'exploration';

/** What `npm run explore` leaves in <dir>/explore/summary.json (the part the verdict reads). */
interface ExploreSummary { ok: boolean; runs: number; failure?: { message: string; repro?: string; steps: unknown[]; observation?: { check: string } } }

/**
 * `npm run explore` against the mutant at `url` (fixed seed, bounded): killed when it ends with a failure (exit 1),
 * survived when the exploration passes (exit 0), error otherwise.
 */
async function runExploration(url: string, s: Settings, dir: string): Promise<{ verdict: 'killed' | 'survived' | 'error'; caughtBy: MutantResult['caughtBy']; notes: string }> {
  mkdirSync(dir, { recursive: true });
  // Within the run timeout: the exploration's budget, then shrinking (fast-check half of --shrink-seconds, then replays).
  const shrink = 30;
  const seconds = Math.max(10, s.runTimeoutS - 1.5 * shrink - 35);
  // The mock owes its replies within milliseconds (agent pickup MOCK_AGENT_DELAY_MS): a short deadline keeps the
  // replays that shrink a lost message quick.
  const env = suiteEnv(url, dir, s.seed, 2000);
  const args = ['--import', 'tsx', join(ROOT, 'scripts', 'explore.ts'), '--runs=400', `--seconds=${seconds}`, `--seed=${s.seed}`, `--shrink-seconds=${shrink}`, `--reports-dir=${dir}`];
  const { code, timedOut } = await runLogged(args, env, join(dir, 'explore.log'), s.runTimeoutS);
  let summary: ExploreSummary | undefined;
  try {
    summary = JSON.parse(readFileSync(join(dir, 'explore', 'summary.json'), 'utf8')) as ExploreSummary;
  } catch { /* reported below */ }
  if (timedOut) return { verdict: 'error', caughtBy: [], notes: `exploration stopped after ${s.runTimeoutS} s` };
  if (code === 1 && summary?.failure) {
    const f = summary.failure;
    const title = `exploration (seed ${s.seed}, ${f.steps.length} steps): ${f.observation?.check ?? 'failure'}`;
    return { verdict: 'killed', caughtBy: [{ title, file: f.repro ? relative(f.repro) : '', project: 'explore', reason: firstLine(f.message) }], notes: 'exploration' };
  }
  if (code === 0 && summary?.ok) return { verdict: 'survived', caughtBy: [], notes: `exploration: ${summary.runs} runs found nothing` };
  return { verdict: 'error', caughtBy: [], notes: `exploration exited ${code}; see ${relative(join(dir, 'explore.log'))}` };
}

// ---------------------------------------------------------------------------------------------------------------
// One run: a mock (clean or mutated), the suite against it, the verdict.

async function runOne(name: string, mutation: Mutation | undefined, s: Settings): Promise<MutantResult> {
  const dir = join(RUNS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const base = { name, area: mutation?.area ?? '-', rule: mutation?.rule ?? 'none: the mock as documented', how: mutation?.how ?? '' };
  let mock: { child: ChildProcess; url: string } | undefined;
  try {
    mock = await startMock(name, mutation ? name : undefined, s, dir);
    if (killedByExploration(mutation)) {
      const r = await runExploration(mock.url, s, join(dir, 'explore'));
      return { ...base, ...r, seconds: (performance.now() - t0) / 1000 };
    }
    const notes: string[] = [];
    // A mutant first meets the tests most likely to catch it (src/mutation/focus.ts); only the whole suite can
    // declare it survived.
    const focus = mutation && !s.full ? focusOf(name, mutation.area).filter((f) => existsSync(join(ROOT, f))) : [];
    if (focus.length) {
      const first = await runSuite(mock.url, s, join(dir, 'focus'), { files: focus, workers: 1, maxFailures: 1, seed: `${s.seed}:focus`, replyTimeoutMs: s.replyTimeoutMs });
      if (first.summary && mutantVerdict(first.summary) === 'killed') {
        return { ...base, verdict: 'killed', caughtBy: first.summary.failed, seconds: (performance.now() - t0) / 1000, notes: '' };
      }
      notes.push(`focus missed (${focus.join(', ')}): whole suite`);
      // The whole suite meets a fresh tenant, with other user IDs than the focused run's (a call or session the
      // focused run left behind must not fail it).
      await resetMock(mock.url);
    }
    const { summary, timedOut } = await runSuite(mock.url, s, join(dir, 'suite'), {
      files: [], workers: s.workers, maxFailures: s.maxFailures, seed: s.seed,
      // A reply a mutant never sends should not hold a run up long; the clean run waits as long as the suite's default,
      // so a busy machine cannot fail it.
      replyTimeoutMs: mutation ? s.replyTimeoutMs : Math.max(s.replyTimeoutMs, 15_000),
    });
    const seconds = (performance.now() - t0) / 1000;
    const verdict = mutation ? mutantVerdict(summary) : cleanVerdict(summary);
    if (timedOut) notes.push(`stopped after ${s.runTimeoutS} s`);
    if (!summary) notes.push(`no report; see ${relative(join(dir, 'suite', 'playwright.log'))}`);
    else if (verdict === 'error') notes.push(`no test ran properly: ${summary.errors[0] ?? 'no test passed'}`);
    if (!mutation && summary && verdict === 'failed') notes.push(`${summary.failed.length} failed, ${summary.errors.length} errors`);
    return { ...base, verdict, caughtBy: summary?.failed ?? [], seconds, notes: notes.join('; ') };
  } catch (e) {
    return { ...base, verdict: 'error', caughtBy: [], seconds: (performance.now() - t0) / 1000, notes: (e as Error).message.split('\n')[0] };
  } finally {
    if (mock) {
      stop(mock.child);
      const killer = setTimeout(() => stop(mock!.child, 'SIGKILL'), 5_000);
      await exited(mock.child);
      clearTimeout(killer);
    }
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
  let previous: Record<string, number> = {};
  try {
    const doc = JSON.parse(readFileSync(previousJson, 'utf8')) as MutationDocument;
    previous = Object.fromEntries(doc.mutants.map((m) => [m.name, m.seconds]));
  } catch { /* first run */ }
  return [...names].sort((a, b) => (previous[b] ?? 60) - (previous[a] ?? 60));
}

function dropped(name: MutationName, m: Mutation): MutantResult {
  return { name, area: m.area, rule: m.rule, how: m.how, verdict: 'dropped', caughtBy: [], seconds: 0, notes: `dropped: ${m.dropped}` };
}

async function main(): Promise<number> {
  let s: Settings;
  try {
    s = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`npm run mutation: ${e.message}`);
    return 2;
  }
  const catalogue = Object.entries(MUTATIONS) as Array<[MutationName, Mutation]>;
  if (s.list) {
    for (const [name, m] of catalogue) console.log(`${name.padEnd(34)} ${m.area.padEnd(12)} ${m.dropped ? '(dropped) ' : ''}${m.rule}`);
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
  console.log(`Mutation testing: the clean mock and ${toRun.length} mutants, ${s.jobs} at a time; ${s.full ? 'the whole suite' : 'focused tests first (1 worker), then the whole suite'} (${s.workers} workers, --max-failures=${s.maxFailures}); MOCK_AGENT_DELAY_MS=${s.agentDelayMs}, CEC_REPLY_TIMEOUT_MS=${s.replyTimeoutMs}`);

  const results = new Map<string, MutantResult>();
  let cleanResult: MutantResult | undefined;
  let cancelled = false;
  const queue: Array<string> = [CLEAN, ...toRun];
  let done = 0;
  const total = queue.length;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (cancelled) {
        results.set(next, { ...dropped(next as MutationName, MUTATIONS[next as MutationName]), verdict: 'cancelled', notes: 'not run: the clean run failed' });
        continue;
      }
      const name = next;
      const r = await runOne(name, name === CLEAN ? undefined : MUTATIONS[name as MutationName], s);
      done++;
      const by = r.caughtBy[0] ? `  ← ${r.caughtBy[0].title}${r.caughtBy.length > 1 ? ` (+${r.caughtBy.length - 1})` : ''}` : '';
      console.log(`[${String(done).padStart(2)}/${total}] ${r.verdict.padEnd(8)} ${name.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s${by}${r.notes ? `  (${r.notes})` : ''}`);
      if (name === CLEAN) {
        cleanResult = r;
        if (r.verdict !== 'passed') {
          cancelled = true;
          for (const line of r.caughtBy.slice(0, 10)) console.log(`    clean run failed: ${line.title}: ${line.reason}`);
        }
      } else results.set(name, r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(s.jobs, total) }, worker));

  const mutants = selected.map(([name, m]) => (runs(m) ? results.get(name)! : dropped(name, m))).filter(Boolean);
  const doc = buildDocument({
    startedAt,
    wallSeconds: (performance.now() - t0) / 1000,
    settings: { jobs: s.jobs, workers: s.workers, maxFailures: s.maxFailures, agentDelayMs: s.agentDelayMs, replyTimeoutMs: s.replyTimeoutMs, seed: s.seed, focusedFirst: !s.full, ...(s.only ? { only: s.only } : {}) },
    clean: cleanResult!,
    mutants,
  });
  mkdirSync(dirname(out.html), { recursive: true });
  writeFileSync(out.json, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(out.html, renderHtml(doc));
  console.log(`\n${renderTable(doc)}\n\nWrote ${relative(out.json)} and ${relative(out.html)}; each run's logs and report under ${relative(RUNS)}/<name>/`);
  return doc.ok ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) stop(child, 'SIGKILL');
    process.exit(130);
  });
}

process.exitCode = await main();
