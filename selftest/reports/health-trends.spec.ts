// The health history's rules on made-up nights (no health run): new / still / resolved findings and since when,
// flapping, latency regressions, the nights kept, where findings come from (findings.json or the failed checks), the
// Markdown summary; and a page with a regression, drawn by Chromium from disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { withoutAnalytics } from '../../products/reports/allure.js';
import type { HealthCheck, HealthReport } from '../../products/health/classify.js';
import { findingsOfRun, normalizeSignature } from '../../products/health/findings.js';
import { appendNight, readHistory, type CellStatus, type Night } from '../../products/health/history.js';
import { latencyByOperation, percentile } from '../../products/health/latency.js';
import { nightMarkdown } from '../../products/health/markdown.js';
import { renderHealthPage } from '../../products/health/page.js';
import { changesOf, gridOf, latencyOf, regressionAt, stateChanges } from '../../products/health/trends.js';
import { launchChromium } from '../browser.js';

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cec-health-trends-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A night on day `d` (2030-01-<d>) with check states and findings given by signature. */
function night(d: number, checks: Record<string, CellStatus>, findings: string[] = [], latency: Record<string, number> = {}, known: string[] = []): Night {
  return {
    v: 1, startedAt: `2030-01-${String(d).padStart(2, '0')}T02:17:00.000Z`, durationMs: 1000, tenant: 'https://tenant.example.com', seed: String(d),
    verdict: findings.length ? 'broken' : 'healthy', exitCode: findings.length ? 1 : 0,
    counts: { ok: 0, flaky: 0, failed: 0, unreachable: 0, skipped: 0 },
    checks: Object.entries(checks).map(([id, status]) => ({ id, status, latencyMs: 1, maxLatencyMs: 1, requests: 1, transient: 0 })),
    operations: Object.fromEntries(Object.entries(latency).map(([op, ms]) => [op, { n: 10, p50: ms, p95: ms * 2 }])),
    findings: findings.map((signature) => ({ signature, verdict: 'fail' as const, checks: ['a.spec.ts › x'] })),
    known, findingsSource: 'derived',
  };
}

test('new, still failing and resolved since the last night, with the night each was first seen and since when', () => {
  const nights = [night(1, {}, ['A']), night(2, {}, ['A', 'B']), night(3, {}, []), night(4, {}, ['A', 'C', 'D']), night(5, {}, ['A', 'C'], {}, ['C'])];
  const c = changesOf(nights);
  expect(c.previous?.startedAt).toBe(nights[3].startedAt);
  expect(c.new).toEqual([]);
  expect(c.still.map((f) => [f.signature, f.firstSeen.slice(8, 10), f.since.slice(8, 10), f.streak, f.nightsSeen, f.known])).toEqual([
    ['A', '01', '04', 2, 4, false], ['C', '04', '04', 2, 2, true],
  ]);
  expect(c.resolved.map((f) => [f.signature, f.since.slice(8, 10), f.streak])).toEqual([['D', '04', 1]]);
  // A finding gone for a night and back is new tonight, and says it was seen before.
  const back = changesOf(nights.slice(0, 4));
  expect(back.new.map((f) => [f.signature, f.returning, f.firstSeen.slice(8, 10)])).toEqual([['A', true, '01'], ['C', false, '04'], ['D', false, '04']]);
  expect(back.resolved).toEqual([]);
  // The first night kept: everything is new.
  expect(changesOf([night(1, {}, ['A'])]).new.map((f) => f.signature)).toEqual(['A']);
});

test('a partial night (--grep) resolves only the findings whose checks it ran', () => {
  const broken = { ...night(1, { 'a.spec.ts › x': 'fail', 'b.spec.ts › y': 'fail' }, ['A', 'B']), findings: [{ signature: 'A', verdict: 'fail' as const, checks: ['a.spec.ts › x'] }, { signature: 'B', verdict: 'fail' as const, checks: ['b.spec.ts › y'] }] };
  const partial = { ...night(2, { 'a.spec.ts › x': 'pass' }), grep: 'x' };
  expect(changesOf([broken, partial]).resolved.map((f) => f.signature)).toEqual(['A']);
  // The same night whole: both resolved.
  expect(changesOf([broken, { ...partial, grep: undefined }]).resolved.map((f) => f.signature)).toEqual(['A', 'B']);
});

test('flapping: 3 or more state changes over the last 10 nights a check ran (skipped and absent nights left out); one bad night is not', () => {
  expect(stateChanges(['pass', 'fail', 'pass'])).toBe(2);
  expect(stateChanges(['pass', 'pass', 'fail'])).toBe(1);
  expect(stateChanges(['pass', 'skipped', null, 'pass', 'warn'])).toBe(1);
  expect(stateChanges(['fail', 'unreachable', 'fail'])).toBe(2);
  // A flaky night (failed, then passed on its retry) is a pass for the state.
  expect(stateChanges(['pass', 'flaky', 'pass', 'flaky'])).toBe(0);
  // Changes older than the window no longer count.
  expect(stateChanges(['pass', 'fail', 'pass', 'fail', ...Array<CellStatus>(10).fill('pass')])).toBe(0);
  const rows = gridOf([
    night(1, { x: 'pass', y: 'pass', z: 'pass', w: 'pass' }), night(2, { x: 'fail', y: 'pass', z: 'pass', w: 'flaky' }),
    night(3, { x: 'pass', y: 'fail', z: 'pass', w: 'pass' }), night(4, { x: 'fail', y: 'fail', z: 'pass', w: 'flaky' }),
  ]);
  expect(rows.map((r) => [r.id, r.flapping, r.changes, r.flakyNights])).toEqual([
    ['x', true, 3, 0], // pass, fail, pass, fail: flapping (and failing tonight)
    ['y', false, 1, 0], // failing tonight leads
    ['w', false, 0, 2], // flaky twice: counted, not flapping
    ['z', false, 0, 0],
  ]);
  // The case: one broken night followed by good ones flaps nothing.
  const incident = gridOf([night(1, { a: 'pass', b: 'pass' }), night(2, { a: 'fail', b: 'fail' }), night(3, { a: 'pass', b: 'pass' }), night(4, { a: 'pass', b: 'pass' })]);
  expect(incident.filter((r) => r.flapping)).toEqual([]);
  expect(incident.map((r) => r.changes)).toEqual([2, 2]);
});

test('latency: nearest-rank percentiles per operation; a regression is 1.5× and 50 ms above the trailing median', () => {
  expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  expect(percentile([...Array(20).keys()].map((i) => i + 1), 95)).toBe(19);
  expect(percentile([], 50)).toBeNull();
  expect(latencyByOperation([
    { operationId: 'poll', status: 200, durationMs: 10 }, { operationId: 'poll', status: 503, durationMs: 30 }, { operationId: 'poll', status: null, durationMs: 9000 },
    { operationId: null, status: 200, durationMs: 1 }, { operationId: 'send', status: 200, durationMs: 7 },
    { operationId: 'send', status: 502, durationMs: 40 },
  ])).toEqual({ poll: { n: 2, p50: 10, p95: 30, p99: 30, requests: 3, errors: 1 }, send: { n: 2, p50: 7, p95: 40, p99: 40, requests: 2, errors: 1 } });

  expect(regressionAt([100, 110, 200], 2)).toEqual({ value: 200, baseline: 105 });
  expect(regressionAt([100, 110, 150], 2)).toBeUndefined(); // not 1.5×
  expect(regressionAt([10, 12, 40], 2)).toBeUndefined(); // 3.6× but not 50 ms more: jitter of a fast operation
  expect(regressionAt([100, 200], 1)).toBeUndefined(); // one earlier night is not a trend
  expect(regressionAt([100, null, 110, null, 200], 4)).toEqual({ value: 200, baseline: 105 });
  // The median of the last 7 earlier nights only: an old slow spell is forgotten.
  expect(regressionAt([900, 900, 100, 100, 100, 100, 100, 100, 100, 200], 9)).toEqual({ value: 200, baseline: 100 });
  const series = latencyOf([night(1, {}, [], { poll: 100, send: 20 }), night(2, {}, [], { poll: 110, send: 22 }), night(3, {}, [], { poll: 260, send: 21 })]);
  expect(series.map((s) => [s.operationId, s.regressions.at(-1)!.map((r) => r.metric)])).toEqual([['poll', ['p50', 'p95']], ['send', []]]);
});

test('the history keeps the newest nights, oldest first, and skips lines it cannot read', () => {
  const file = join(dir, 'keep', 'nights.jsonl');
  for (const d of [3, 1, 2, 4]) appendNight(file, night(d, {}), 3);
  expect(readHistory(file).map((n) => n.startedAt.slice(8, 10))).toEqual(['02', '03', '04']);
  writeFileSync(file, `not json\n{"v":99}\n${JSON.stringify(night(9, {}))}\n`);
  expect(readHistory(file).map((n) => n.seed)).toEqual(['9']);
  expect(readHistory(join(dir, 'none.jsonl'))).toEqual([]);
});

test('findings: the run\'s findings.json when there is one, else the failed checks\' reasons (one function decides)', () => {
  const check = (name: string, status: HealthCheck['status'], detail?: string, warnings?: string[]): HealthCheck => ({
    name, file: 'f.spec.ts', status, durationMs: 1, requests: 1, latencyMs: 1, maxLatencyMs: 1, transient: 0, noAnswer: 0, ...(detail ? { detail } : {}), ...(warnings ? { warnings } : {}),
  });
  const report: HealthReport = {
    verdict: 'broken', exitCode: 1, tenant: 't', startedAt: '2030-01-01T00:00:00.000Z', durationMs: 1, counts: { ok: 1, flaky: 0, failed: 2, unreachable: 1, skipped: 0 },
    checks: [
      check('a', 'failed', 'Error: expect(response).toMatchContract(\'poll\')\nContract of poll violated:\n  at /x: must be string'),
      check('b', 'failed', 'Error: expect(response).toMatchContract(\'poll\')\nContract of poll violated:\n  at /x: must be string'),
      check('c', 'unreachable', 'NoAnswerError: No answer from GET https://t/poll?token=abc&id=12345678: Timeout 10000ms exceeded.'),
      check('d', 'ok', undefined, ['an example value differs']),
    ],
  };
  const runDir = join(dir, 'run');
  const derived = findingsOfRun(runDir, report);
  expect(derived).toEqual({
    source: 'derived', known: [], findings: [
      { signature: 'Contract of poll violated: at /x: must be string', verdict: 'fail', checks: ['f.spec.ts › a', 'f.spec.ts › b'] },
      { signature: 'NoAnswerError: No answer from GET https://t/poll?…: Timeout 10000ms exceeded.', verdict: 'fail', checks: ['f.spec.ts › c'] },
      { signature: 'an example value differs', verdict: 'warn', checks: ['f.spec.ts › d'] },
    ],
  });
  expect(normalizeSignature('id 0b5f1c9e-2f4d-4c1a-9e7b-3a2d1c0b9a8f at 1796197249077')).toBe('id <id> at <n>');
  // The findings reporter's file takes over as soon as the run writes one.
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'findings.json'), JSON.stringify({
    run: {}, counts: {}, findings: [
      { signature: 'poll schema /x', verdict: 'fail', status: 'new', operationId: 'poll', tests: ['t1'] },
      { signature: 'send rule r', verdict: 'warn', status: 'known', tests: ['t2'] },
      { signature: 'gone', verdict: 'fail', status: 'resolved', tests: [] },
    ],
  }));
  expect(findingsOfRun(runDir, report)).toEqual({
    source: 'findings.json', known: ['send rule r'], findings: [
      { signature: 'poll schema /x', verdict: 'fail', checks: ['t1'], operationId: 'poll' },
      { signature: 'send rule r', verdict: 'warn', checks: ['t2'] },
    ],
  });
});

test('the Markdown summary: verdict, changes as a table (cells escaped), flapping and slower operations', () => {
  const nights = [night(1, { x: 'pass' }, [], { poll: 100 }), night(2, { x: 'fail' }, ['a | b `c`'], { poll: 100 }), night(3, { x: 'pass' }, [], { poll: 400 })];
  expect(nightMarkdown(nights, 'reports/health/index.html')).not.toContain('**Flapping**'); // one bad night is not flapping
  // fail, pass, fail, pass: 3 changes, flapping.
  nights.unshift({ ...night(1, { x: 'fail' }, [], { poll: 100 }), startedAt: '2030-01-01T00:17:00.000Z' });
  const md = nightMarkdown(nights, 'reports/health/index.html');
  expect(md).toMatch(/^## CEC tenant health: ✅ HEALTHY \(exit 0\)\n/);
  expect(md).toContain('0 new, 0 still failing, 1 resolved');
  expect(md).toContain("| ✅ resolved fail | `a \\| b 'c'` | 2030-01-02 02:17 | 2030-01-02 02:17 | 1 |");
  expect(md).toContain('**Flapping**');
  expect(md).toContain('**Slower tonight** (a warning): poll p50 400 ms (median 100 ms), p95 800 ms (median 200 ms)');
  expect(nightMarkdown([], 'x')).toContain('No health run recorded');
});

test('the Allure report loses its analytics tag and nothing else', () => {
  const tag = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>\n    <script>\n        window.dataLayer = window.dataLayer || [];\n        function gtag(){dataLayer.push(arguments);}\n        gtag(\'js\', new Date());\n        gtag(\'config\', \'G-X\', { "report": "awesome" });\n    </script>';
  expect(withoutAnalytics(`<body><div id="app"></div>${tag}<script>window.data=1</script></body>`)).toBe('<body><div id="app"></div><script>window.data=1</script></body>');
});

test('a page with a slower night: the operation marked, its chart\'s marker on that night, the warning above the charts', async () => {
  const nights = [night(1, { x: 'pass' }, [], { poll: 100, send: 20 }), night(2, { x: 'pass' }, [], { poll: 110, send: 20 }), night(3, { x: 'pass' }, [], { poll: 300, send: 21 })];
  const file = join(dir, 'page.html');
  writeFileSync(file, renderHealthPage(nights, { links: [], historyFile: 'health-history/nights.jsonl', keep: 30 }));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const offDisk: string[] = [];
    page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) offDisk.push(r.url()); });
    await page.goto(pathToFileURL(file).href);
    await expect(page.locator('#charts figure').first()).toHaveAttribute('data-operation', 'poll'); // the slower one leads
    await expect(page.locator('#charts figure[data-operation="poll"]')).toHaveAttribute('data-regression', 'p50,p95');
    await expect(page.locator('#charts figure[data-operation="send"]')).toHaveAttribute('data-regression', '');
    await expect(page.locator('#regressions')).toContainText('poll p50 300 ms vs 105 ms');
    const marks = await page.evaluate(() => {
      const chart = (window as unknown as { Chart: { getChart: (c: Element) => { data: { datasets: Array<{ label: string; data: unknown[] }> } } } }).Chart
        .getChart(document.querySelector('#charts figure[data-operation="poll"] canvas')!);
      return chart.data.datasets.find((d) => d.label === 'regression')!.data;
    });
    expect(marks).toEqual([null, null, 600]);
    expect(offDisk).toEqual([]);
  } finally {
    await browser.close();
  }
});
