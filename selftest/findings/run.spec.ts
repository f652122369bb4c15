// Findings of a real run, end to end: a whole-field break (the downlink-simquestions-missing mutant: no downlink
// message carries the mandatory simQuestions) fails many tests and is ONE finding; with that finding in the baseline the run exits 0 and
// says "known"; without, it exits 1; the findings page, opened in Chromium from disk, shows the counts of
// findings.json. Screenshot: reports/screenshots/findings.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { launchChromium } from '../browser.js';
import { playwrightTest, ROOT, runNode, startMock, suiteEnv, type Finished, type RunningMock } from '../reports/helpers.js';
import type { FindingsReport } from '../../products/findings/model.js';

test.describe.configure({ mode: 'serial' });

const SIGNATURE = 'poll schema 200 /body/downlinkMessages/*/simQuestions required';
let dir: string;
let mock: RunningMock;
let first: Finished;

const findings = (): FindingsReport => JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsReport;
const suite = (extra: NodeJS.ProcessEnv, ...args: string[]): Promise<Finished> =>
  runNode(playwrightTest(...args, `--output=${join(dir, 'test-results')}`), { ...suiteEnv(mock.url), CEC_REPORTS_DIR: dir, CEC_SEED: '7', ...extra }, 240_000);

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'cec-findings-'));
  mock = await startMock({ MOCK_MUTATION: 'downlink-simquestions-missing' });
  // --no-deps: the smoke gate would stop the run at the first smoke failure; here every test is to meet the break.
  first = await suite({ CEC_BASELINE: join(dir, 'none.yaml') }, '--no-deps', 'tests/contract', 'tests/e2e');
});

test.afterAll(async () => {
  await mock?.stop();
  if (dir && !process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
});

test('a whole-field break is one finding for many failing tests, with its rule and source', () => {
  expect(first.status, first.stdout.slice(-2000)).toBe(1);
  const r = findings();
  const fails = r.findings.filter((f) => f.verdict === 'fail');
  expect(fails.map((f) => f.signature)).toEqual([SIGNATURE]);
  expect(r.counts.failed, 'many tests failed').toBeGreaterThanOrEqual(5);
  expect(fails[0].count).toBe(r.counts.failed);
  expect(fails[0]).toMatchObject({ status: 'new', source: expect.stringContaining('tables 5-1, 5-2') });
  expect(fails[0].firstExchange?.curl, 'the first exchange as curl, masked').toMatch(/^curl .*poll/m);
  expect(fails[0].firstExchange?.curl).not.toMatch(/Bearer (?!\*\*\*)/);
  // The terminal summary ends with the list of findings.
  expect(first.stdout).toMatch(new RegExp(`FAIL +${SIGNATURE.replace(/[/*]/g, '\\$&')} — ${fails[0].count} tests`));
});

test('the findings page opened from disk in Chromium shows the counts of findings.json', async ({}, testInfo) => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'findings', 'index.html')).href);
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

test('the baseline: a known finding exits 0 and says "known"; without the entry the run exits 1', async () => {
  const baseline = join(dir, 'baseline.yaml');
  writeFileSync(baseline, `findings:\n  - signature: "${SIGNATURE}"\n    reason: "TENANT-42: downlink messages lack simQuestions"\n    expires: 2099-12-31\n`);
  const grep = ['tests/contract/messaging.spec.ts', '--grep', 'welcome after CONNECT'];
  const known = await suite({ CEC_BASELINE: baseline }, ...grep);
  expect(known.status, known.stdout.slice(-1500)).toBe(0);
  expect(known.stdout).toMatch(new RegExp(`KNOWN ${SIGNATURE.replace(/[/*]/g, '\\$&')}`));
  expect(findings().findings[0]).toMatchObject({ signature: SIGNATURE, status: 'known', baseline: { reason: 'TENANT-42: downlink messages lack simQuestions' } });

  writeFileSync(baseline, 'findings: []\n');
  const unknown = await suite({ CEC_BASELINE: baseline }, ...grep);
  expect(unknown.status).toBe(1);
  expect(unknown.stdout).toMatch(/Gate: FAILED/);
});
