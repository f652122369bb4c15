// Findings of a real run, end to end: a whole-field break (the agent-retcode-number mutant: every sendmessage answers
// its retcode as a number, a string by the contract) fails many tests and is ONE finding; with that finding in the
// baseline the run exits 0 and says "known"; without, it exits 1; the findings page, opened in Chromium from disk,
// shows the counts of findings.json. The whole-suite run is the one the reports self-test reads too
// (reports/shared-run.ts), its baseline a file without entries (the "without" case); the "known" case is one short
// run (the failing test alone) against a mock of the same mutant started here.
// Screenshot: reports/screenshots/findings.png.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { launchChromium } from '../browser.js';
import { playwrightTest, ROOT, runNode, startMock, suiteEnv, type Finished, type RunningMock } from '../reports/helpers.js';
import { SHARED_BASELINE, SHARED_MUTATION, sharedRun } from '../reports/shared-run.js';
import type { FindingsReport } from '../../products/findings/model.js';

test.describe.configure({ mode: 'serial' });

const SIGNATURE = 'sendMessage schema 200 /body/retcode type';
/** The shared whole-suite run's reports (read only). */
let shared: string;
/** The baseline runs' reports. */
let dir: string;
let first: Finished;

const findingsIn = (d: string): FindingsReport => JSON.parse(readFileSync(join(d, 'findings.json'), 'utf8')) as FindingsReport;
const findings = (): FindingsReport => findingsIn(shared);

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(420_000);
  const run = await sharedRun();
  shared = run.dir;
  first = run.run;
});

test.afterAll(() => {
  if (dir && !process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
});

test('a whole-field break is one finding for many failing tests, with its rule and source', () => {
  expect(first.status, first.stdout.slice(-2000)).toBe(1);
  const r = findings();
  const fails = r.findings.filter((f) => f.verdict === 'fail');
  expect(fails.map((f) => f.signature)).toEqual([SIGNATURE]);
  // Every test of the run that calls sendmessage (4 in a run as against a tenant, @side-effect left out).
  expect(r.counts.failed, 'several tests failed').toBeGreaterThanOrEqual(3);
  expect(fails[0].count).toBe(r.counts.failed);
  expect(fails[0]).toMatchObject({ status: 'new', source: expect.stringContaining('seed 003') });
  expect(fails[0].firstExchange?.curl, 'the first exchange as curl, masked').toMatch(/^curl .*sendmessage/m);
  expect(fails[0].firstExchange?.curl).not.toMatch(/Bearer (?!\*\*\*)/);
  // The terminal summary ends with the list of findings.
  expect(first.stdout).toMatch(new RegExp(`FAIL +${SIGNATURE.replace(/[/*]/g, '\\$&')} — ${fails[0].count} tests`));
});

test('the findings page opened from disk in Chromium shows the counts of findings.json', async ({}, testInfo) => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(shared, 'findings', 'index.html')).href);
    const r = findings();
    await expect(page.locator('#fail-count')).toHaveText(String(r.counts.fail));
    await expect(page.locator('#warn-count')).toHaveText(String(r.counts.warn));
    await expect(page.locator(`section.finding.fail[data-signature="${SIGNATURE}"] .count`)).toHaveText(String(r.counts.failed));
    await expect(page.locator('#gate')).toContainText('Gate failed');
    mkdirSync(join(ROOT, 'reports', 'screenshots'), { recursive: true });
    const shot = join(ROOT, 'reports', 'screenshots', 'findings.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('findings page', { path: shot, contentType: 'image/png' });
  } finally {
    await browser.close();
  }
});

test('a failing test links to its finding: the HTML report\'s `findings` attachment, opened from disk, leads to it on the findings page', async () => {
  // The HTML report keeps the attachment in html/data/ (and opens it in a tab): its links lead to ../../findings/.
  // Tests that met the same findings have identical pages, kept once (by content).
  const pages = readdirSync(join(shared, 'html', 'data')).filter((f) => f.endsWith('.html')).map((f) => join(shared, 'html', 'data', f))
    .filter((f) => readFileSync(f, 'utf8').includes('Findings of this test') && readFileSync(f, 'utf8').includes(SIGNATURE));
  expect(pages.length, 'a findings page naming the failing finding').toBeGreaterThan(0);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(pages[0]).href);
    await page.getByRole('link', { name: SIGNATURE }).click();
    await expect(page).toHaveURL(/\/findings\/index\.html#f-/);
    const id = new URL(page.url()).hash.slice(1);
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('data-signature', SIGNATURE);
  } finally {
    await browser.close();
  }
});

test('the baseline: a known finding exits 0 and says "known"; without the entry the run exits 1', async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), 'cec-findings-'));
  const mock: RunningMock = await startMock({ MOCK_MUTATION: SHARED_MUTATION });
  try {
    const baseline = join(dir, 'baseline.yaml');
    writeFileSync(baseline, `findings:\n  - signature: "${SIGNATURE}"\n    reason: "TENANT-42: sendmessage answers retcode as a number"\n    expires: 2099-12-31\n`);
    // The failing test alone, in one worker (--no-deps: the smoke tests say nothing about the baseline).
    const known = await runNode(playwrightTest('tests/contract/agent.spec.ts', '--grep', 'sendMessage delivers to the customer', '--no-deps', `--output=${join(dir, 'test-results')}`),
      { ...suiteEnv(mock.url), CEC_REPORTS_DIR: dir, CEC_SEED: '7', CEC_WORKERS: '1', CEC_BASELINE: baseline }, 200_000);
    expect(known.status, known.stdout.slice(-1500)).toBe(0);
    expect(known.stdout).toMatch(new RegExp(`KNOWN ${SIGNATURE.replace(/[/*]/g, '\\$&')}`));
    expect(findingsIn(dir).findings[0]).toMatchObject({ signature: SIGNATURE, status: 'known', baseline: { reason: 'TENANT-42: sendmessage answers retcode as a number' } });
  } finally {
    await mock.stop();
  }
  // Without the entry (the shared run's baseline has none): the same finding fails the gate, exit 1.
  expect(readFileSync(join(shared, SHARED_BASELINE), 'utf8')).toBe('findings: []\n');
  expect(first.status).toBe(1);
  expect(first.stdout).toMatch(/Gate: FAILED/);
  expect(findings().findings.find((f) => f.signature === SIGNATURE)).toMatchObject({ status: 'new' });
});
