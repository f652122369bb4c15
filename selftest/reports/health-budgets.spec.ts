// Latency budgets on real nights of npm run health against the embedded mock (the same port both nights):
//   night 1: the mock answering with 100 ms of added latency (MOCK_LATENCY_MS), `--write-budgets`: a budgets file
//            derived from the night (CEC_HEALTH_BUDGETS, a file of this test's own);
//   night 2: the mock 5× slower (500 ms): DEGRADED or BROKEN by its budget, the breaches named.
// Then the page in headless Chromium from disk: the budget's p95 levels drawn on the latency charts as lines, the
// breaches marked. Screenshot: reports/screenshots/health-budgets.png. And the rules on made-up figures: too few
// requests are not judged; budgets measured on another tenant judge nothing (and say so); the committed
// health-budgets.yaml is the embedded mock's.
// Both nights are partial (`--grep`, CHECKS): budgets judge an operation's figures, not the breadth of the checks.
// CHECKS send applyToken 28 times (one per check), enough to judge its p95 (MIN_SAMPLES 20), and the other operations
// too few times: the page marks those as unjudged. The margins: night 1's p95 is LATENCY_MS plus the machine's
// jitter j, its degraded level max(2×, +100 ms); night 2's p95 is at least 5 × LATENCY_MS, over that level while
// j < 150 ms.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { deriveBudgets, judgeBudgets, readBudgets, verdictWithBudgets, type BudgetsFile } from '../../products/health/budgets.js';
import type { HealthReport } from '../../products/health/classify.js';
import { freePort } from '../../products/bench/child.js';
import { pagesFromDisk, ROOT, runNode, SCREENSHOTS, tsx } from './helpers.js';

test.describe.configure({ mode: 'serial', timeout: 420_000 });

const LATENCY_MS = 100;
const CHECKS = '(applyToken|poll|saveSatisfaction|uploadFileStream|getClickToCallEvents) credentials';
let dir: string;
let port: string;
let budgetsFile: string;
const reports: HealthReport[] = [];
// Against the embedded mock on purpose (--mock): with CI set, the tenant guard would otherwise refuse it.
const health = (env: NodeJS.ProcessEnv, ...args: string[]) => runNode(tsx('products/health/health.cli.ts', '--mock', '--grep', CHECKS, ...args), { CEC_REPORTS_DIR: dir, MOCK_PORT: port, CI: '1', CEC_HEALTH_BUDGETS: budgetsFile, CEC_HEALTH_MAX_RPS: '200', ...env });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cec-health-budgets-'));
  port = String(await freePort());
  budgetsFile = join(dir, 'health-budgets.yaml');
});
test.afterAll(() => {
  if (dir && !process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
});

test('the rules: levels derived from a measured figure, too few requests not judged, another tenant\'s budgets not applied', () => {
  const ops = { poll: { n: 40, p50: 20, p95: 50, p99: 80, requests: 40, errors: 0 }, send: { n: 5, p50: 9, p95: 10, p99: 10, requests: 5, errors: 0 } };
  const b = deriveBudgets(ops, 'https://tenant.example.com', '2030-01-01T02:17:00.000Z');
  expect(b.operations.poll).toEqual({ p95: { degraded: 150, fail: 550 }, p99: { degraded: 330, fail: 1080 }, errorRate: { degraded: 0.02, fail: 0.1 }, measured: { requests: 40, p95: 50, p99: 80, errorRate: 0 } });
  const slow = { poll: { ...ops.poll, p95: 250 }, send: { ...ops.send, p95: 999 } };
  const j = judgeBudgets(b, slow, 'https://tenant.example.com', 'b.yaml');
  // send has 5 answers: its p95 is not judged (nor any p99 under 100 answers).
  expect(j).toMatchObject({ applied: true, judged: 2, unjudged: 4 });
  expect(j.breaches.map((x) => [x.operationId, x.metric, x.level, x.value, x.limit])).toEqual([['poll', 'p95', 'degraded', 250, 150]]);
  expect(verdictWithBudgets({ verdict: 'healthy', exitCode: 0 }, j)).toMatchObject({ verdict: 'degraded', exitCode: 0 });
  const failing = judgeBudgets(b, { poll: { ...ops.poll, p95: 600, errors: 8 } }, 'https://tenant.example.com', 'b.yaml');
  expect(failing.breaches.map((x) => [x.metric, x.level])).toEqual([['p95', 'fail'], ['errorRate', 'fail']]);
  expect(verdictWithBudgets({ verdict: 'healthy', exitCode: 0 }, failing)).toMatchObject({ verdict: 'broken', exitCode: 1 });
  // A broken night stays broken for its own reason.
  expect(verdictWithBudgets({ verdict: 'broken', exitCode: 1, detail: 'x' }, failing)).toEqual({ verdict: 'broken', exitCode: 1, detail: 'x' });
  const elsewhere = judgeBudgets(b, slow, 'mock', 'b.yaml');
  expect(elsewhere).toMatchObject({ applied: false, breaches: [] });
  expect(elsewhere.reason).toContain('measured on https://tenant.example.com, not on mock');
  expect(judgeBudgets(undefined, slow, 'mock', 'none.yaml').reason).toContain('--write-budgets');
  // The committed budgets: the embedded mock's, every level above its measured figure.
  const committed = readBudgets(join(ROOT, 'health-budgets.yaml')) as BudgetsFile;
  expect(committed.tenant).toBe('mock');
  expect(Object.keys(committed.operations).length).toBeGreaterThan(10);
  for (const [op, o] of Object.entries(committed.operations)) expect(o.p95!.degraded, op).toBeGreaterThan(o.measured!.p95);
});

test(`night 1: ${LATENCY_MS} ms of latency, --write-budgets writes the budgets from the night`, async () => {
  const r = await health({ MOCK_LATENCY_MS: String(LATENCY_MS), CEC_WORKERS: '1' }, '--write-budgets');
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toMatch(/budgets: .*health-budgets\.yaml written from tonight \(\d+ operations\)/);
  const report = JSON.parse(readFileSync(join(dir, 'health.json'), 'utf8')) as HealthReport;
  reports.push(report);
  expect(report.grep).toBe(CHECKS);
  expect(report.operations!.applyToken.requests, 'applyToken requests, enough to judge its p95').toBeGreaterThanOrEqual(20);
  const b = readBudgets(budgetsFile)!;
  expect(b).toMatchObject({ tenant: 'mock', measuredAt: report.startedAt });
  expect(Object.keys(b.operations).sort()).toEqual(Object.keys(report.operations!).sort());
  for (const [op, o] of Object.entries(report.operations!)) {
    expect(o.p95, op).toBeGreaterThanOrEqual(LATENCY_MS);
    expect(b.operations[op].measured).toMatchObject({ p95: o.p95, requests: o.requests });
    expect(b.operations[op].p95).toEqual({ degraded: Math.ceil(Math.max(2 * o.p95, o.p95 + 100)), fail: Math.ceil(Math.max(5 * o.p95, o.p95 + 500)) });
  }
  // (--help says what the flag does: health.spec.ts.)
});

test('night 2: the mock 5× slower is DEGRADED or BROKEN by its budget, the breaches named', async () => {
  // Two workers: the night waits 5 × LATENCY_MS per request.
  const r = await health({ MOCK_LATENCY_MS: String(5 * LATENCY_MS), CEC_WORKERS: '2' });
  const report = JSON.parse(readFileSync(join(dir, 'health.json'), 'utf8')) as HealthReport;
  reports.push(report);
  expect(['degraded', 'broken'], `${r.stdout}\n${r.stderr}`).toContain(report.verdict);
  expect(r.status).toBe(report.verdict === 'degraded' ? 0 : 1);
  expect(report.counts.failed + report.counts.unreachable, 'every check passed: only the budget speaks').toBe(0);
  expect(report.budgets).toMatchObject({ applied: true, file: budgetsFile });
  const breaches = report.budgets!.breaches;
  expect(breaches.length).toBeGreaterThan(0);
  for (const b of breaches) {
    expect(b.value).toBeGreaterThan(b.limit);
    expect(report.operations![b.operationId].requests).toBeGreaterThanOrEqual(20);
  }
  expect(r.stdout).toMatch(new RegExp(`^CEC tenant health: ${report.verdict.toUpperCase()} \\(exit ${r.status}\\)`));
  expect(r.stdout).toContain(`budget ${breaches[0].level === 'fail' ? 'FAIL' : 'degraded'}: ${breaches[0].text}`);
  console.log(`budget nights: ${report.verdict}; ${breaches.map((b) => b.text).join('; ')}; measured p95 ${JSON.stringify(Object.fromEntries(Object.entries(reports[0].operations!).map(([op, o]) => [op, o.p95])))}`);
  await test.info().attach('budget-night.json', { body: JSON.stringify({ measured: reports[0].operations, slow: report.operations, breaches, verdict: report.verdict }, null, 2), contentType: 'application/json' });
});

test.describe('in a browser, from disk', () => {
  const { open } = pagesFromDisk();

  test('the page: the verdict, the breaches, and each chart\'s p95 degraded and fail lines at the budget\'s levels', async () => {
    const page = await open(join(dir, 'health', 'index.html'), 1100);
    const tonight = reports[1];
    await expect(page.locator('#verdict')).toHaveAttribute('data-verdict', tonight.verdict);
    await expect(page.locator('#budget-breaches')).toContainText(tonight.budgets!.breaches[0].text);
    const budgets = readBudgets(budgetsFile)!;
    const drawn = await page.evaluate(() => {
      const get = (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => { data: { datasets: Array<{ label: string; data: Array<number | null> }> } } | undefined } }).Chart.getChart;
      return [...document.querySelectorAll('#charts figure')].map((f) => ({
        op: f.getAttribute('data-operation')!, budget: f.getAttribute('data-budget'),
        sets: Object.fromEntries((get(f.querySelector('canvas')!)?.data.datasets ?? []).map((d) => [d.label, d.data])),
      }));
    });
    expect(drawn.length).toBe(Object.keys(budgets.operations).length);
    for (const d of drawn) {
      const l = budgets.operations[d.op].p95!;
      expect(d.sets['p95 degraded'], d.op).toEqual([l.degraded, l.degraded]);
      expect(d.sets['p95 fail'], d.op).toEqual([l.fail, l.fail]);
      expect(d.sets.p95, d.op).toEqual(reports.map((r) => r.operations![d.op].p95));
      const breached = tonight.budgets!.breaches.filter((b) => b.operationId === d.op).map((b) => `${b.metric}:${b.level}`).join(',');
      expect(d.budget, d.op).toBe(breached);
      // Lines drawn for an operation too rare to judge say so.
      const few = tonight.operations![d.op].n < 20;
      await expect(page.locator(`#charts figure[data-operation="${d.op}"] .unjudged`), d.op).toHaveCount(few ? 1 : 0);
    }
    // The breached operations first in view: the screenshot shows the lines crossed.
    await page.locator('#charts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'health-budgets.png'), fullPage: true });
    expect(statSync(join(SCREENSHOTS, 'health-budgets.png')).size).toBeGreaterThan(20_000);
    await page.close();
  });
});
