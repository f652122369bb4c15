// ONE conformance run for the self-tests that read a real run's reports (reports.spec.ts, findings/run.spec.ts): the
// whole suite, once per `npm test`, against a mock with a deliberate defect and distinctive secrets, then
// `npm run report`. The first worker that asks runs it into the directory selftest/global-setup.ts made for this
// `playwright test` (CEC_SELFTEST_SHARED_DIR); a worker that asks meanwhile waits for its result (result.json),
// which is written whatever happens, so a broken run fails every reader with its cause instead of hanging them.
//
// The run: MOCK_MUTATION=agent-retcode-number (sendmessage answers retcode as a number: every test that calls it
// fails, one root cause), a marker inside every token and Guid the mock mints (MOCK_SECRET_MARKER), the distinctive
// credentials of the secret scans, CEC_TARGET=tenant (the @side-effect tests skip: a run with passed, failed and
// skipped tests), a findings baseline without entries (every finding is new: findings/run.spec.ts reads the run as
// the baseline's "without the entry" case).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { SHARED_DIR_VARIABLE } from '../shared-dir.js';
import { DISTINCT_CREDENTIALS, playwrightTest, runNode, SECRET_MARKER, startMock, suiteEnv, tsx, type Finished } from './helpers.js';

export const SHARED_MUTATION = 'agent-retcode-number';
export const SHARED_SEED = '20240611';
/** The run's findings baseline (in its reports directory): a file without entries. */
export const SHARED_BASELINE = 'baseline.yaml';

export interface SharedRun {
  /** The run's reports directory (CEC_REPORTS_DIR): findings.json, junit.xml, html/, allure/, coverage/, exchanges/ … */
  dir: string;
  /** The mock's base URL during the run (the tenant parameter of every Allure result). */
  mockUrl: string;
  /** An AccessToken the mock minted (the marker the scan looks for must be in it). */
  mintedToken: string;
  run: Finished;
  report: Finished;
  /** Why the run could not be made (the readers fail with it). */
  error?: string;
}

async function makeRun(dir: string): Promise<SharedRun> {
  const credentials = DISTINCT_CREDENTIALS;
  const mock = await startMock({ MOCK_MUTATION: SHARED_MUTATION, MOCK_SECRET_MARKER: SECRET_MARKER, MOCK_SEED: SHARED_SEED }, credentials);
  let run: Finished;
  let mintedToken: string;
  try {
    // A positive control for the scans: the tokens this mock mints carry the marker.
    const r = await fetch(`${mock.url}/apigovernance/api/oauth/tokenByAkSk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_key: credentials.appKey, app_secret: credentials.appSecret }) });
    mintedToken = ((await r.json()) as { AccessToken: string }).AccessToken;
    writeFileSync(join(dir, SHARED_BASELINE), 'findings: []\n');
    run = await runNode(playwrightTest(`--output=${join(dir, 'test-results')}`),
      { ...suiteEnv(mock.url, credentials), CEC_TARGET: 'tenant', CEC_REPORTS_DIR: dir, CEC_SEED: SHARED_SEED, CEC_BASELINE: join(dir, SHARED_BASELINE) }, 300_000);
  } finally {
    await mock.stop();
  }
  const report = await runNode(tsx('products/reports/report.cli.ts'), { CEC_REPORTS_DIR: dir }, 120_000);
  return { dir, mockUrl: mock.url, mintedToken, run, report };
}

/**
 * The shared run, made by the first caller of this `playwright test` and read by the others. Outside a run with
 * selftest/global-setup.ts (a file run with another configuration), a run of its own in a temporary directory.
 */
export async function sharedRun(): Promise<SharedRun> {
  const base = process.env[SHARED_DIR_VARIABLE] || mkdtempSync(join(tmpdir(), 'cec-selftest-shared-'));
  const dir = join(base, 'conformance');
  const resultFile = join(base, 'conformance.json');
  let mine = true;
  try {
    mkdirSync(dir); // atomic: exactly one caller makes it, and makes the run
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    mine = false;
  }
  if (mine) {
    let shared: SharedRun;
    try {
      shared = await makeRun(dir);
    } catch (e) {
      const none: Finished = { status: null, stdout: '', stderr: '', ms: 0 };
      shared = { dir, mockUrl: '', mintedToken: '', run: none, report: none, error: (e as Error).stack ?? String(e) };
    }
    writeFileSync(resultFile, JSON.stringify(shared));
  } else {
    // Another worker is making it: its result comes when its run ends (a whole suite run and a report).
    await expect.poll(() => existsSync(resultFile), { message: `the shared conformance run (${resultFile})`, timeout: 420_000, intervals: [250, 500, 1000] }).toBe(true);
  }
  const shared = JSON.parse(readFileSync(resultFile, 'utf8')) as SharedRun;
  if (shared.error) throw new Error(`the shared conformance run could not be made: ${shared.error}`);
  return shared;
}
