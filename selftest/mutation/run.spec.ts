// `npm run mutation` end to end, as part of the CI gate, in its fast mode, on a SAMPLE of the catalogue (one mutant of
// each way a mutant is caught, below) and a PART of the suite (--tests: the files whose tests meet the sample). The
// clean mock passes that part (its warnings listed), and each sampled mutant is caught as the strength of its rule
// asks: a refuse mutant killed (a test failed), a guidance mutant warned (a warning the clean run does not have, no
// failure; a failure would make the suite over-strict), a dropped one listed and not run. Each mutant meets only the
// tests of the part that call what it touches. That every mutant of the catalogue really breaks its rule is proven per
// mutant, in process, by selftest/mutation/mutants.spec.ts (its probes); that the whole suite catches each of them is
// the whole catalogue's run, `npm run mutation` (CI's mutation job, and the command to run after changing the suite or
// a mutant); that the clean mock passes the whole suite, every conformance run against it. The sample and the part
// keep `npm test` within its budget (docs/benchmarks.md, "npm test"): the whole catalogue cost 123 CPU-seconds of the
// self-tests' ~300; the sample against the whole suite 46 (its clean run 37), against the part ~24.
// The explorations are bounded by their number of runs from the fixed seed, never by the clock, so a busy machine
// cannot turn a kill into a survival; they are not shrunk (explore/end-to-end.spec.ts proves the shrinking). Its report
// goes to reports/selftest-mutation/ (mutation.json, mutation/index.html), apart from a developer's own report.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MutationDocument } from '../../products/mutation/report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORTS = `${ROOT}reports/selftest-mutation`;

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'products/mutation/mutation.cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** One mutant of each way to be caught (catalogue.ts; `npm run mutation -- --list`). */
const SAMPLE = {
  /** refuse, a focused run kills it (an answer's type). */
  killed: 'agent-retcode-number',
  /** refuse, only calls the credential check refused meet it (the touch of an auth mutant). */
  killedUnauthorized: 'ignore-app-key',
  /** guidance, the focused run warns and fails nothing. */
  warned: 'token-expires-number',
  /** refuse, only an order of steps shows it: the exploration kills it. */
  killedByExploration: 'disconnect-drops-pending',
  /** guidance, only an order of steps shows it: the strict exploration's surprise warns (no timing involved). */
  warnedByExploration: 'robot-answers-after-transfer',
  /** dropped: listed with its reason, never run. */
  dropped: 'satisfaction-not-recorded',
} as const;

/** The part of the suite the sample meets (--tests): the token tests (token-expires-number warned), the agent's
 *  (agent-retcode-number killed), the credential refusals (ignore-app-key killed); the smoke gate runs whole. */
const PART = ['contract/token.spec.ts', 'contract/agent.spec.ts', 'negative/credentials.spec.ts'];

test('npm run mutation (fast, a sample of the catalogue, a part of the suite): the clean run passes; each refuse mutant is killed, each guidance mutant warned, none over-strict', async ({}, testInfo) => {
  test.setTimeout(10 * 60_000);
  // --explore-runs bounds the explorations, not --explore-seconds: the seed finds both within a few runs. One worker:
  // a run of 82 tests costs more CPU to start a second worker (and a second for the smoke gate) than it saves.
  const { code, output } = await run(['--fast', '--workers=1', `--reports-dir=${REPORTS}`, `--only=${Object.values(SAMPLE).join(',')}`,
    `--tests=${PART.join(',')}`, '--explore-runs=100', '--explore-seconds=3600', '--explore-shrink-seconds=0', '--run-timeout-s=600']);
  await testInfo.attach('npm run mutation', { body: output, contentType: 'text/plain' });
  const jsonFile = `${REPORTS}/mutation.json`;
  expect(existsSync(jsonFile), 'reports/mutation.json written').toBe(true);
  const doc = JSON.parse(readFileSync(jsonFile, 'utf8')) as MutationDocument;
  expect(doc.clean.verdict, `the clean run: ${doc.clean.notes}\n${output.slice(-4000)}`).toBe('passed');
  const wrong = doc.mutants.filter((m) => m.verdict !== 'dropped' && m.verdict !== (m.strength === 'guidance' ? 'warned' : 'killed'))
    .map((m) => `${m.name} (${m.strength}): ${m.verdict} ${m.notes} ${m.caughtBy.map((c) => c.title).join('; ')}`);
  expect(wrong, 'each mutant caught as its strength asks').toEqual([]);
  expect(doc.overStrict, 'no guidance mutant fails a test').toBe(0);
  expect(doc.warned, 'the guidance mutants are warned').toBeGreaterThan(0);
  expect(doc.ok).toBe(true);
  expect(code, 'exit code').toBe(0);
  expect(existsSync(`${REPORTS}/mutation/index.html`), 'the HTML page').toBe(true);
  // The fast mode at work (counts, not times: the machine may be busy): each mutant met a fraction of the suite.
  const suite = doc.clean.tests.whole!;
  expect(doc.settings.mode).toBe('fast');
  expect(doc.settings.tests, 'the part of the suite').toEqual(PART);
  expect(doc.mutants.map((m) => m.name).sort(), 'the sample ran').toEqual(Object.values(SAMPLE).sort());
  const verdicts = Object.fromEntries(doc.mutants.map((m) => [m.name, m.verdict]));
  expect(verdicts).toEqual({
    [SAMPLE.killed]: 'killed', [SAMPLE.killedUnauthorized]: 'killed', [SAMPLE.warned]: 'warned',
    [SAMPLE.killedByExploration]: 'killed', [SAMPLE.warnedByExploration]: 'warned', [SAMPLE.dropped]: 'dropped',
  });
  const explored = doc.mutants.filter((m) => m.tests.explored !== undefined);
  expect(explored.map((m) => m.name).sort(), 'the mutants only the exploration kills met it').toEqual([SAMPLE.killedByExploration, SAMPLE.warnedByExploration].sort());
  expect(doc.focus.mutants, 'every other mutant that ran had a focused run').toBe(doc.ran - explored.length);
  expect(doc.focus.testsMean, `tests per mutant (mean) against ${suite} in the suite`).toBeLessThan(suite / 4);
  testInfo.annotations.push(
    { type: 'mutation wall time', description: `${doc.wallSeconds} s` },
    { type: 'mutation CPU time', description: `${doc.cpuSeconds ?? '?'} s (the runs' processes, user + system)` },
    { type: 'tests per mutant', description: `mean ${doc.focus.testsMean}, max ${doc.focus.testsMax} (the suite: ${suite})` },
    { type: 'focus missed', description: doc.focus.misses.join(', ') || 'none' },
  );
});
