// The reports of a real run, end to end. One run of the whole suite against a mock with distinctive secrets
// (CEC_APP_SECRET, CEC_AGENT_GUID, CEC_AGENT_PASSWORD), a marker inside every token and Guid it mints
// (MOCK_SECRET_MARKER), and a deliberate defect (MOCK_MUTATION=agent-retcode-number: sendmessage answers retcode as a
// number), so some tests fail and attach a curl; then `npm run report` (Allure HTML, coverage). The run is the one
// shared with findings/run.spec.ts (shared-run.ts). Then:
// - the attachments (http-exchanges on every test, curl of the failing request on a failure), masked;
// - Allure's labels and parameters, and the contract matcher's message as the failure;
// - a scan of every file under the reports directory, archives and encodings included: no secret, no minted token;
// - headless Chromium looks at the Playwright HTML report, the Allure report and the coverage page and finds the
//   run's counts (matching junit.xml) and the coverage totals (matching coverage.json and the exchange records).
//   Screenshots: reports/screenshots/*.png.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { pagesFromDisk, SCREENSHOTS, SECRET_MARKER, SECRET_NEEDLES, type Finished } from './helpers.js';
import { SHARED_SEED, sharedRun } from './shared-run.js';
import { scanDir, unzip } from './scan.js';

test.describe.configure({ mode: 'serial' });

const MARKER = SECRET_MARKER;
const needles = SECRET_NEEDLES;
const SEED = SHARED_SEED;

let dir: string;
let mockUrl: string;
let run: Finished;
let report: Finished;
let mintedToken: string;

interface AllureAttachment { name: string; source: string; type: string }
interface AllureStep { name: string; attachments?: AllureAttachment[]; steps?: AllureStep[] }
interface AllureResult extends AllureStep {
  status: string;
  statusDetails?: { message?: string };
  labels: Array<{ name: string; value: string }>;
  parameters: Array<{ name: string; value: string; excluded?: boolean }>;
}

const allureResults = (): AllureResult[] => {
  const d = join(dir, 'allure-results');
  return readdirSync(d).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(d, f), 'utf8')) as AllureResult);
};
const attachmentsOf = (s: AllureStep): AllureAttachment[] => [...(s.attachments ?? []), ...(s.steps ?? []).flatMap(attachmentsOf)];
const stepNames = (s: AllureStep): string[] => (s.steps ?? []).flatMap((x) => [x.name, ...stepNames(x)]);
const attachmentText = (a: AllureAttachment): string => readFileSync(join(dir, 'allure-results', a.source), 'utf8');

/** The totals junit.xml reports for the whole run. */
function junitTotals(): { tests: number; failures: number; skipped: number; errors: number; passed: number } {
  const head = /<testsuites\b[^>]*>/.exec(readFileSync(join(dir, 'junit.xml'), 'utf8'))![0];
  const attr = (n: string): number => Number(new RegExp(`\\b${n}="(\\d+)"`).exec(head)![1]);
  const t = { tests: attr('tests'), failures: attr('failures'), skipped: attr('skipped'), errors: attr('errors') };
  return { ...t, passed: t.tests - t.failures - t.skipped - t.errors };
}

const exchangeLines = (): number => readdirSync(join(dir, 'exchanges')).filter((f) => f.endsWith('.jsonl'))
  .reduce((n, f) => n + readFileSync(join(dir, 'exchanges', f), 'utf8').split('\n').filter(Boolean).length, 0);

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(420_000);
  // The run the findings self-test reads too (shared-run.ts): made once per `npm test`.
  ({ dir, mockUrl, run, report, mintedToken } = await sharedRun());
});

test('the run fails where the mutant breaks the contract, and leaves every report', () => {
  expect(mintedToken.startsWith(MARKER), 'the mock mints tokens with the marker').toBe(true);
  expect(run.status, run.stdout.slice(-3000)).toBe(1);
  expect(report.status, report.stdout + report.stderr).toBe(0);
  for (const f of ['html/index.html', 'junit.xml', 'allure/index.html', 'coverage/index.html', 'coverage/coverage.json']) expect(existsSync(join(dir, f)), f).toBe(true);
  const t = junitTotals();
  expect(t.failures).toBeGreaterThan(0);
  expect(t.skipped).toBeGreaterThan(0);
  expect(t.passed).toBeGreaterThan(100);
});

test('every test attaches its masked HTTP exchanges; a failed one also a curl of the request that failed', () => {
  const results = allureResults();
  expect(results.length).toBe(junitTotals().tests);
  const ran = results.filter((r) => r.status !== 'skipped');
  for (const r of ran) {
    const exchanges = attachmentsOf(r).filter((a) => a.name === 'http-exchanges');
    expect(exchanges, r.name).toHaveLength(1);
    const records = JSON.parse(attachmentText(exchanges[0])) as Array<{ request: { headers: Record<string, string> } }>;
    expect(records.length, r.name).toBeGreaterThan(0);
    for (const x of records) {
      for (const [k, v] of Object.entries(x.request.headers)) {
        if (/^(authorization)$/i.test(k)) expect(v).toBe('Bearer ***');
        if (/^(ccmessaging-token|guid)$/i.test(k)) expect(v).toBe('***');
      }
    }
  }
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'broken');
  // JUnit names a failed expectation a failure and any other thrown error (the exploration's) an error.
  const t = junitTotals();
  expect(failed.length).toBe(t.failures + t.errors);
  for (const r of failed) {
    const curls = attachmentsOf(r).filter((a) => a.name === 'curl');
    expect(curls, r.name).toHaveLength(1);
    const curl = attachmentText(curls[0]);
    // The request that broke the contract: sendmessage, its Guid masked.
    expect(curl, r.name).toContain('/agentgateway/resource/mediacall/4321/sendmessage');
    expect(curl).toMatch(/^curl -sS -i -X POST /m);
    expect(curl).toContain("-H 'Guid: ***'");
  }
  for (const r of results.filter((x) => x.status === 'passed')) expect(attachmentsOf(r).some((a) => a.name === 'curl'), r.name).toBe(false);
});

test('Allure: operationId labels, tags, seed and tenant; a failure shows the broken rule and its source', () => {
  const results = allureResults();
  for (const r of results) {
    const ops = r.labels.filter((l) => l.name === 'operationId').map((l) => l.value).sort();
    // allure-playwright turns each operationId annotation into a step "operationId: …": the labels name the same ones.
    const annotated = [...new Set(stepNames(r).filter((n) => n.startsWith('operationId: ')).map((n) => n.slice('operationId: '.length)))].sort();
    expect(ops.length, r.name).toBeGreaterThan(0);
    expect(ops, r.name).toEqual(annotated);
    expect(r.labels.filter((l) => l.name === 'tag').length, r.name).toBeGreaterThan(0);
    expect(r.parameters).toEqual(expect.arrayContaining([
      { name: 'seed', value: SEED, excluded: true },
      { name: 'tenant', value: mockUrl },
    ]));
  }
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'broken');
  expect(failed.length).toBeGreaterThan(0);
  for (const r of failed) {
    expect(r.statusDetails?.message, r.name).toContain('FAIL sendMessage: must be string');
    expect(r.statusDetails?.message).toContain('"retcode" is of type string (seed 003 table 4)');
  }
});

test('no secret and no minted token or Guid anywhere in the reports, compressed or encoded', () => {
  // The Playwright HTML report keeps its data in a zip, base64 in index.html: the scan must open it.
  const html = readFileSync(join(dir, 'html', 'index.html'), 'utf8');
  const embedded = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(html);
  expect(embedded, 'the HTML report embeds its data as a base64 zip').not.toBeNull();
  expect(unzip(Buffer.from(embedded![1], 'base64')).length).toBeGreaterThan(0);
  const { files, bytes, hits } = scanDir(dir, needles);
  expect(files).toBeGreaterThan(100);
  expect(bytes).toBeGreaterThan(1_000_000);
  expect(hits.map((h) => `${h.needle} in ${h.where}`), `secrets leaked into ${dir}`).toEqual([]);
  // The health and CI outputs of this run's stdout too.
  for (const [name, value] of Object.entries(needles)) expect(run.stdout + run.stderr + report.stdout, name).not.toContain(value);
});

// Opened from disk, as a downloaded CI artifact is: every report must work from file://, and none may reach out.
test.describe('in a browser, from disk', () => {
  const { open } = pagesFromDisk();

  test('the Playwright HTML report shows the run\'s passed, failed and skipped tests', async () => {
    const page = await open(join(dir, 'html', 'index.html'));
    const counter = (label: string) => page.locator('a.subnav-item', { has: page.locator('.subnav-item-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.counter');
    await expect(counter('Passed')).toHaveText(/^\d+$/);
    const n = async (label: string): Promise<number> => Number(await counter(label).textContent());
    const shown = { all: await n('All'), passed: await n('Passed'), failed: await n('Failed'), flaky: await n('Flaky'), skipped: await n('Skipped') };
    const t = junitTotals();
    expect(shown).toMatchObject({ passed: t.passed, failed: t.failures + t.errors, flaky: 0, skipped: t.skipped });
    expect(shown.passed + shown.failed + shown.flaky + shown.skipped).toBe(t.tests);
    // "All" counts the tests that ran (Playwright leaves skipped ones out of it).
    expect([t.tests, t.tests - t.skipped]).toContain(shown.all);
    await page.screenshot({ path: join(SCREENSHOTS, 'playwright-html.png') });
    // A failed test's page: the broken rule and the curl attachment.
    await page.goto(`${pathToFileURL(join(dir, 'html', 'index.html')).href}#?q=s:failed`);
    await page.locator('.test-file-test a').first().click();
    await expect(page.getByText('FAIL sendMessage: must be string').first()).toBeVisible();
    await expect(page.getByText('curl', { exact: true }).first()).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, 'playwright-html-failed-test.png'), fullPage: true });
    await page.close();
  });

  test('the Allure report shows the run\'s totals', async () => {
    // One self-contained file (no spinner waiting for data it cannot fetch from disk).
    expect(readdirSync(join(dir, 'allure')).filter((f) => !/\.json$/.test(f))).toEqual(['index.html']);
    const page = await open(join(dir, 'allure', 'index.html'));
    await expect(page.getByTestId('metadata-item-total')).toBeVisible({ timeout: 30_000 });
    const items = await page.locator('[data-testid^="metadata-item-"]').evaluateAll((els) => Object.fromEntries(els.map((e) => [
      e.getAttribute('data-testid')!.replace('metadata-item-', ''),
      Number(e.querySelector('[data-testid="metadata-value"]')?.textContent?.trim()),
    ])));
    const t = junitTotals();
    expect(items.total).toBe(t.tests);
    expect(items.passed).toBe(t.passed);
    expect((items.failed ?? 0) + (items.broken ?? 0)).toBe(t.failures + t.errors);
    expect(items.skipped).toBe(t.skipped);
    await page.screenshot({ path: join(SCREENSHOTS, 'allure.png') });
    await page.close();
  });

  test('the coverage page shows its totals per level and the number of exchanges recorded', async () => {
    const coverage = JSON.parse(readFileSync(join(dir, 'coverage', 'coverage.json'), 'utf8')) as { exchanges: number; totals: Array<{ level: string; covered: number; total: number; percent: number }> };
    const page = await open(join(dir, 'coverage', 'index.html'));
    await expect(page.locator('#exchange-count')).toHaveText(String(exchangeLines()));
    expect(coverage.exchanges).toBe(exchangeLines());
    const rows = page.locator('#totals tr[data-level]');
    await expect(rows).toHaveCount(coverage.totals.length);
    for (const t of coverage.totals) {
      const cells = rows.filter({ has: page.locator('th', { hasText: new RegExp(`^${t.level}$`) }) }).locator('td');
      await expect(cells.nth(0)).toHaveText(String(t.covered));
      await expect(cells.nth(1)).toHaveText(String(t.total));
      await expect(cells.nth(2)).toHaveText(`${t.percent}%`);
    }
    expect(coverage.totals.find((t) => t.level === 'operations')!.covered).toBeGreaterThan(15);
    await page.screenshot({ path: join(SCREENSHOTS, 'coverage.png'), fullPage: true });
    await page.close();
  });
});
