// npm run health over three nights into one reports directory, as a newcomer would run it (the embedded mock, the
// same port every night, so the tenant and Allure's test ids stay the same):
//   night 1: a clean mock, the whole health check (healthy, exit 0): the breadth of the @health checks;
//   night 2: a mutant whose poll answers break the contract (broken, exit 1, naming the violation);
//   night 3: a mock answering 503 and flow control now and then (healthy again: retried, the throttle kept).
// Nights 2 and 3 are partial nights (`--grep`: BROKEN_NIGHT, PARTIAL; both run the poll check the mutant breaks):
// their claims are the incident, the retries and the rate, not the breadth; the page shows their checks against
// night 1's whole grid (the others "not run").
// Then the history (reports/health-history/nights.jsonl) and, in headless Chromium opened from file://, the health
// page (verdict, the checks × nights grid with flapping checks, "new since last night" after night 2 and "resolved"
// after night 3, the latency charts) against the three health.json files, the Allure report with each test's
// history, the Playwright report; the Markdown summary of the night. Screenshot: reports/screenshots/health-page.png.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type HealthCheck, type HealthReport } from '../../products/health/classify.js';
import { readExchanges, type ExchangeRecord } from '../../src/contract/exchange.js';
import { historyFiles, readHistory } from '../../products/health/history.js';
import { pagesFromDisk, runNode, SCREENSHOTS, tsx } from './helpers.js';
import { freePort } from '../../products/bench/child.js';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let dir: string;
let port: string;
/** health.json of each night, as the night left it. */
const reports: HealthReport[] = [];

// The health check is a tenant's: against the embedded mock only on purpose (--mock), as CI=1 would otherwise refuse.
// These nights are about the history and the page: no latency budgets (a busy machine's mock could be DEGRADED by the
// committed ones; health-budgets.spec.ts is about budgets).
const health = (env: NodeJS.ProcessEnv, ...args: string[]) => runNode(tsx('products/health/health.cli.ts', '--mock', ...args), { CEC_REPORTS_DIR: dir, MOCK_PORT: port, CI: '1', CEC_HEALTH_BUDGETS: join(dir, 'no-budgets.yaml'), ...env });
/** The poll check the mutant breaks. */
const POLL_CHECK = 'poll with nothing pending';
/** Night 2: a check the mutant leaves alone (run first: the file sorts before) and the poll check. */
const BROKEN_NIGHT = `checkClickToCallSupport answers|${POLL_CHECK}`;
/** Night 3: the poll check and credential checks whose requests are the same on every run. */
const PARTIAL = `${POLL_CHECK}|(poll|saveSatisfaction|uploadFileStream) credentials`;
/** Keeps what the night wrote that the next night replaces: health.json and the page. */
function keepNight(n: number): HealthReport {
  const report = JSON.parse(readFileSync(join(dir, 'health.json'), 'utf8')) as HealthReport;
  reports.push(report);
  mkdirSync(join(dir, 'nights'), { recursive: true });
  copyFileSync(join(dir, 'health', 'index.html'), join(dir, 'nights', `page-${n}.html`));
  return report;
}
const cellOf = (c: HealthCheck): string => (c.status === 'ok' ? (c.warnings?.length ? 'warn' : 'pass') : c.status === 'failed' ? 'fail' : c.status);
const idOf = (c: HealthCheck): string => `${c.file} › ${c.name}`;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cec-health-nights-'));
  port = String(await freePort());
});
test.afterAll(() => {
  if (dir && !process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
});

test('night 1, healthy: exit 0 against the embedded mock; the history has its first night and the page says so', async () => {
  // One worker (CEC_WORKERS): on a busy machine as fast as two, for less CPU; the checks are the same.
  const r = await health({ CEC_HEALTH_MAX_RPS: '200', CEC_WORKERS: '1' });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toMatch(/^CEC tenant health: HEALTHY \(exit 0\)/);
  expect(r.stdout).not.toContain('partial night');
  expect(r.stdout).toMatch(/page: +\S+health[/\\]index\.html \(1 night of history\)/);
  expect(r.stdout.split('\n').length).toBeLessThan(30); // one screen
  const report = keepNight(1);
  expect(report.grep).toBeUndefined();
  expect(report.counts.ok).toBeGreaterThan(20);
  expect(Object.keys(report.operations ?? {}).length).toBeGreaterThan(5);
  // The run's own reports: JUnit, Playwright JSON and HTML, Allure (results and the one-file report), the page.
  for (const f of ['junit.xml', 'playwright.json', 'html/index.html', 'allure/index.html', 'index.html']) expect(existsSync(join(dir, 'health', f)), f).toBe(true);
  expect(existsSync(join(dir, 'junit.xml'))).toBe(false);
});

/** The finding the poll-list-missing mutant is, as the findings reporter names it. */
const POLL_FINDING = 'poll schema 200 /body/downlinkMessages required';

test('night 2, broken (partial): exit 1 against a mock whose poll answers break the contract, naming the violation', async () => {
  const r = await health({ CEC_HEALTH_MAX_RPS: '200', CEC_WORKERS: '1', MOCK_MUTATION: 'poll-list-missing' }, '--grep', BROKEN_NIGHT);
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
  expect(r.stdout).toMatch(/^CEC tenant health: BROKEN \(exit 1\)/);
  expect(r.stdout).toContain(`a partial night: only the @health checks matching /${BROKEN_NIGHT}/ ran (--grep)`);
  expect(r.stdout).toContain("FAIL poll: must have required property 'downlinkMessages'");
  const report = keepNight(2);
  expect(report).toMatchObject({ verdict: 'broken', grep: BROKEN_NIGHT });
  // Only the checks matching the filter ran (and no smoke check as a dependency).
  expect(report.checks.map((c) => c.name)).toEqual(['click-to-call › checkClickToCallSupport answers the support flags', 'poll › poll with nothing pending answers an empty list']);
  const failed = report.checks.filter((c) => c.status === 'failed');
  expect(failed.length).toBeGreaterThan(0);
  for (const c of failed) {
    expect(c.detail).toContain("FAIL poll: must have required property 'downlinkMessages'");
    expect(c.latencyMs).not.toBeNull();
  }
  expect(report.counts.ok).toBeGreaterThan(0);
});

// Night 3's faults: the mock rolls them from MOCK_SEED, one 503 roll per request and one flow-control roll per request
// that can carry it, in the order the requests arrive. With one worker the requests of PARTIAL arrive in the same order
// every run, so the faults are the same every run: with this seed two 503s (each retried after its Retry-After: 1)
// and one flow control (retried after a backoff, the run's rate halved), not a chance of none.
const FAULTS = { seed: '155', rate: 0.05 };

test('night 3, healthy again (partial): transient 503 and flow control retried and counted, the rate kept', async () => {
  const maxRps = 10;
  const r = await health({
    CEC_WORKERS: '1', MOCK_SEED: FAULTS.seed, MOCK_FAULT_503_RATE: String(FAULTS.rate), MOCK_FAULT_FLOW_CONTROL_RATE: String(FAULTS.rate),
    CEC_HEALTH_MAX_RPS: String(maxRps), CEC_HEALTH_RETRIES: '6',
  }, '--grep', PARTIAL);
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toMatch(/\(3 nights of history\)/);
  const report = keepNight(3);
  expect(report).toMatchObject({ verdict: 'healthy', exitCode: 0, grep: PARTIAL, policy: { maxRps, retries: 6 } });
  expect(report.counts.failed + report.counts.unreachable).toBe(0);
  // Never a side effect or a fault injection: only @health tests ran.
  const records = readExchanges(join(dir, 'health', 'exchanges')) as ExchangeRecord[];
  expect(records.length).toBeGreaterThan(30);
  for (const x of records) {
    expect(x.test?.tags ?? [], x.test?.title).toContain('@health');
    for (const tag of ['@side-effect', '@mock-only']) expect(x.test?.tags ?? []).not.toContain(tag);
    expect(x.url).not.toContain('/__mock/');
  }
  for (const c of report.checks) expect(c.requests, c.name).toBeGreaterThan(0);
  // The injected faults were met, both kinds, and retried (each check counts its transient answers)…
  const unavailable = records.filter((x) => x.status === 503).length;
  const flowControl = records.filter((x) => x.resultCode === '10010000002').length;
  console.log(`night 3: ${records.length} requests, ${unavailable} answered 503, ${flowControl} flow control`);
  expect(unavailable, 'answers 503').toBeGreaterThan(0);
  expect(flowControl, 'flow-control answers').toBeGreaterThan(0);
  expect(report.checks.reduce((s, c) => s + c.transient, 0)).toBe(unavailable + flowControl);
  expect(report.throttled?.count).toBe(flowControl);
  // …and no second held more requests than the throttle allows (+1 for timer slack at the edges).
  const starts = records.map((x) => Date.parse(x.startedAt)).sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i] - starts[j] >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  expect(worst).toBeLessThanOrEqual(maxRps + 1);
});

test('the history: one record per night with its checks, latency per operation and findings, partial nights marked; Allure\'s history beside it', () => {
  const files = historyFiles(dir, 'mock');
  const nights = readHistory(files.nights);
  expect(nights).toHaveLength(3);
  expect(nights.map((n) => n.grep)).toEqual([undefined, BROKEN_NIGHT, PARTIAL]);
  nights.forEach((n, i) => {
    const r = reports[i];
    expect(n).toMatchObject({ v: 1, startedAt: r.startedAt, verdict: r.verdict, exitCode: r.exitCode, tenant: r.tenant, counts: r.counts, operations: r.operations, findingsSource: 'findings.json' });
    expect(n.seed).toMatch(/^\d+$/);
    expect(n.checks.map((c) => [c.id, c.status])).toEqual(r.checks.map((c) => [idOf(c), cellOf(c)]));
  });
  const poll = POLL_FINDING;
  expect(nights[1].findings.map((f) => f.signature)).toContain(poll);
  expect(nights[1].findings.find((f) => f.signature === poll)!.checks.length).toBe(reports[1].counts.failed);
  expect(nights[2].findings.filter((f) => f.verdict === 'fail')).toEqual([]);
  // Allure 3's history: one line per generated report.
  expect(readFileSync(files.allure, 'utf8').trim().split('\n')).toHaveLength(3);
});

test('the Markdown summary of the night (CI job summary)', async () => {
  const r = await runNode(tsx('products/health/health-summary.cli.ts'), { CEC_REPORTS_DIR: dir });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^## CEC tenant health: \S+ HEALTHY \(exit 0\)/);
  expect(r.stdout).toMatch(/\d+ new, \d+ still failing, 1 resolved/);
  expect(r.stdout).toContain(`**Partial night**: a partial night: only the @health checks matching /${PARTIAL.replace(/\|/g, '\\|')}/ ran (--grep)`);
  expect(r.stdout).toContain(`| ✅ resolved fail | \`${POLL_FINDING}\` |`);
  expect(r.stdout).not.toContain('**Flapping**'); // one broken night is an incident, not flapping
});

test.describe('in a browser, from disk', () => {
  const { open } = pagesFromDisk();

  test('the health page: tonight\'s verdict, the grid of checks × nights with flapping checks, links into tonight\'s reports', async () => {
    const page = await open(join(dir, 'health', 'index.html'));
    const tonight = reports[2];
    await expect(page.locator('#verdict')).toHaveAttribute('data-verdict', tonight.verdict);
    await expect(page.locator('#counts')).toHaveText(`${tonight.counts.ok} ok, ${tonight.counts.failed} failed, ${tonight.counts.unreachable} unreachable, ${tonight.counts.skipped} skipped`);
    // Every check of every night, in its row, in the night's column.
    const grid = await page.locator('#grid tr[data-check]').evaluateAll((rows) => rows.map((r) => ({
      id: r.getAttribute('data-check')!, flapping: r.getAttribute('data-flapping') === '1',
      cells: [...r.querySelectorAll('td.cell')].map((c) => c.getAttribute('data-status')),
    })));
    const ids = [...new Set(reports.flatMap((r) => r.checks.map(idOf)))];
    expect(grid.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const row of grid) {
      const expected = reports.map((r) => { const c = r.checks.find((x) => idOf(x) === row.id); return c ? cellOf(c) : ''; });
      expect(row.cells, row.id).toEqual(expected);
      // Flapping: 3 or more state changes (flaky counts as a pass); the checks the mutant broke on night 2 changed twice.
      const ran = expected.filter((c) => c && c !== 'skipped').map((c) => (c === 'flaky' ? 'pass' : c));
      const changes = ran.slice(1).filter((c, i) => c !== ran[i]).length;
      expect(row.flapping, row.id).toBe(changes >= 3);
    }
    const brokenOnNight2 = reports[1].checks.filter((c) => c.status === 'failed').map(idOf).sort();
    // One broken night between good ones is an incident, not flakiness: nothing flaps (before the flake policy, these
    // checks were all marked flapping).
    expect(grid.filter((r) => r.flapping)).toEqual([]);
    const flaky = reports.map((r) => r.counts.flaky ?? 0);
    const record = { checks: grid.length, flappingByTwoChanges: brokenOnNight2.length, flappingByThreeChanges: 0, flakyPerNight: flaky };
    await test.info().attach('flapping-before-after.json', { body: JSON.stringify(record, null, 2), contentType: 'application/json' });
    console.log(`health nights: ${JSON.stringify(record)}`);
    // The checks of the incident lead the grid, outside the folded list of checks that passed every night.
    const shownRows = await page.locator('#grid > table tr[data-check]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check')));
    for (const id of brokenOnNight2) expect(shownRows).toContain(id);
    // Folded: the checks that passed every night they ran (a partial night's others did not run).
    await expect(page.locator('#clean tr[data-check]')).toHaveCount(grid.filter((r) => r.cells.every((c) => c === 'pass' || c === '')).length);
    expect(grid.filter((r) => r.cells[1] === '').length, 'checks partial night 2 did not run').toBeGreaterThan(50);
    // The partial nights say so: tonight's note, and their columns.
    await expect(page.locator('#partial-night')).toHaveAttribute('data-grep', PARTIAL);
    expect(await page.locator('#grid > table th.night').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-partial')))).toEqual([null, BROKEN_NIGHT, PARTIAL]);
    // Links into tonight's reports, relative to the page and there on disk.
    const links = await page.locator('nav#links a').evaluateAll((as) => Object.fromEntries(as.map((a) => [a.textContent!, a.getAttribute('href')!])));
    expect(links).toMatchObject({ 'Playwright report': 'html/index.html', 'Allure report (with history)': 'allure/index.html', 'health.json': '../health.json' });
    for (const href of Object.values(links)) expect(existsSync(join(dir, 'health', href)), href).toBe(true);
    // Resolved since night 2: the poll violation, first seen on night 2.
    const resolved = page.locator('#resolved li[data-signature]');
    await expect(resolved).toHaveCount(1);
    await expect(resolved).toHaveAttribute('data-first-seen', reports[1].startedAt);
    await expect(page.locator('#new li[data-signature]')).toHaveCount(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'health-page.png'), fullPage: true });
    expect(statSync(join(SCREENSHOTS, 'health-page.png')).size).toBeGreaterThan(20_000);
    await page.close();
  });

  test('the page after night 2: the findings new since night 1 are the failed checks\' reasons, first seen that night', async () => {
    const page = await open(join(dir, 'nights', 'page-2.html'));
    await expect(page.locator('#verdict')).toHaveAttribute('data-verdict', 'broken');
    // One finding per root cause (the findings reporter's): the poll break, met by every check that failed.
    const expected = new Map([[POLL_FINDING, reports[1].checks.filter((x) => x.status === 'failed').length]]);
    const shown = await page.locator('#new li[data-signature]').evaluateAll((lis) => lis.map((li) => ({
      signature: li.getAttribute('data-signature')!, firstSeen: li.getAttribute('data-first-seen'), checks: li.querySelectorAll('details li').length,
    })));
    expect(new Map(shown.map((s) => [s.signature, s.checks]))).toEqual(expected);
    for (const s of shown) expect(s.firstSeen).toBe(reports[1].startedAt);
    await expect(page.locator('#still li[data-signature], #resolved li[data-signature]')).toHaveCount(0);
    await page.close();
  });

  test('the latency charts: p50 and p95 of each operation on each night, as health.json has them', async () => {
    const page = await open(join(dir, 'health', 'index.html'));
    const ops = [...new Set(reports.flatMap((r) => Object.keys(r.operations ?? {})))].sort();
    await expect(page.locator('#charts figure')).toHaveCount(ops.length);
    const drawn = await page.evaluate(() => {
      const get = (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => { data: { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> } } | undefined } }).Chart.getChart;
      return [...document.querySelectorAll('#charts figure')].map((f) => {
        const chart = get(f.querySelector('canvas')!);
        return { op: f.getAttribute('data-operation')!, labels: chart?.data.labels, sets: Object.fromEntries((chart?.data.datasets ?? []).map((d) => [d.label, d.data])) };
      });
    });
    expect(drawn.map((d) => d.op).sort()).toEqual(ops);
    for (const d of drawn) {
      expect(d.labels, d.op).toHaveLength(3);
      expect(d.sets.p50, d.op).toEqual(reports.map((r) => r.operations?.[d.op]?.p50 ?? null));
      expect(d.sets.p95, d.op).toEqual(reports.map((r) => r.operations?.[d.op]?.p95 ?? null));
    }
    await page.close();
  });

  test('the Allure report opens from disk and shows each test\'s earlier nights (Allure\'s history carried over)', async () => {
    const page = await open(join(dir, 'health', 'allure', 'index.html'));
    await expect(page.getByTestId('metadata-item-total')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('metadata-item-total').getByTestId('metadata-value')).toHaveText(String(reports[2].checks.length));
    // A check the mutant broke on night 2 (and night 3 ran): its history lists nights 1 and 2.
    const flapped = reports[1].checks.find((c) => c.status === 'failed' && reports[2].checks.some((x) => idOf(x) === idOf(c)))!;
    await page.getByTestId('search-input').fill(flapped.name.split(' › ').at(-1)!);
    for (let i = 0; i < 8 && !(await page.getByTestId('tree-leaf').count()); i++) {
      await page.getByTestId('tree-section-title').nth(i).click();
    }
    await page.getByTestId('tree-leaf').first().click();
    await expect(page.getByTestId('test-result-tab-history')).toHaveText(/History\s*2/);
    await page.getByTestId('test-result-tab-history').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'health-allure-history.png') });
    await page.close();
  });

  test('the Playwright report of the night opens from disk', async () => {
    const page = await open(join(dir, 'health', 'html', 'index.html'));
    const passed = page.locator('a.subnav-item', { has: page.locator('.subnav-item-label', { hasText: /^Passed$/ }) }).locator('.counter');
    await expect(passed).toHaveText(String(reports[2].counts.ok));
    await page.close();
  });
});
