// The flake policy on a real Playwright run's JSON report (a tiny project of its own, run with --retries=1 as npm run
// health runs the @health subset): a test that fails and then passes on its retry is FLAKY (counted, the night stays
// healthy, no finding, no alert); one that fails twice is a failure; the quarantine list (with expiry) takes a known
// flaky check out of the verdict while it is in force, and gives it back after. And flapping on a real history shape:
// one red night among green ones is not flapping.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { alertReasons } from '../../products/health/alerts.js';
import { checksFromReport, countOf, verdictOf, type HealthReport, type JsonReport } from '../../products/health/classify.js';
import { findingsOfRun } from '../../products/health/findings.js';
import { nightOf, type Night } from '../../products/health/history.js';
import { renderHealthPage } from '../../products/health/page.js';
import { applyQuarantine, QuarantineError, readQuarantine } from '../../products/health/quarantine.js';
import { gridOf } from '../../products/health/trends.js';
import { playwrightTest, ROOT, runNode } from './helpers.js';

// Inside the project, so that the tiny project's imports find @playwright/test (reports/ is not committed).
const dir = join(ROOT, 'reports', `selftest-flaky-${process.pid}`);
let report: JsonReport;
test.describe.configure({ mode: 'serial' }); // one worker: the tiny project runs once

test.beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tiny.config.ts'), `export default { testDir: '.', testMatch: 'tiny.spec.ts', workers: 1, reporter: [['json', { outputFile: ${JSON.stringify(join(dir, 'report.json'))} }]] };\n`);
  writeFileSync(join(dir, 'tiny.spec.ts'), `import { expect, test } from '@playwright/test';
test.describe('checks', () => {
  test('fails once, then passes', () => { expect(test.info().retry, 'the first attempt fails').toBe(1); });
  test('no answer once, then passes', () => { if (test.info().retry === 0) throw new Error('connect ECONNREFUSED 127.0.0.1:9'); });
  test('fails every time', () => { expect(1, 'a contract is broken').toBe(2); });
  test('passes', () => { expect(1).toBe(1); });
});
`);
  const r = await runNode(playwrightTest('-c', join(dir, 'tiny.config.ts'), '--retries=1'), {});
  expect(r.status, r.stdout + r.stderr).toBe(1);
  report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const night = (d: number, red: boolean, cells: Record<string, Night['checks'][number]['status']>): Night => ({
  v: 1, startedAt: `2030-02-${String(d).padStart(2, '0')}T02:17:00.000Z`, durationMs: 1, tenant: 't', verdict: red ? 'broken' : 'healthy', exitCode: red ? 1 : 0,
  counts: { ok: 0, failed: 0, unreachable: 0, skipped: 0 }, checks: Object.entries(cells).map(([id, status]) => ({ id, status, latencyMs: 1, maxLatencyMs: 1, requests: 1, transient: 0 })),
  operations: {}, findings: red ? [{ signature: 's', verdict: 'fail', checks: [] }] : [], known: [], findingsSource: 'derived',
});

test('failed then passed on its retry is FLAKY: counted, shown with why the first attempt failed, never a failure', () => {
  const checks = checksFromReport(report);
  const by = Object.fromEntries(checks.map((c) => [c.name.split(' › ').at(-1)!, c]));
  expect(Object.fromEntries(checks.map((c) => [c.name.split(' › ').at(-1)!, [c.status, c.attempts ?? 1]]))).toEqual({
    'fails once, then passes': ['flaky', 2], 'no answer once, then passes': ['flaky', 2], 'fails every time': ['failed', 2], passes: ['ok', 1],
  });
  expect(by['fails once, then passes'].flakyReason).toContain('the first attempt fails');
  expect(by['no answer once, then passes'].flakyReason).toContain('ECONNREFUSED');
  expect(countOf(checks)).toEqual({ ok: 1, flaky: 2, failed: 1, unreachable: 0, skipped: 0 });
  expect(verdictOf(checks).verdict).toBe('broken'); // by the check that failed twice, not the flaky ones
  const flakyOnly = checks.filter((c) => c.status !== 'failed');
  expect(verdictOf(flakyOnly)).toEqual({ verdict: 'healthy', exitCode: 0 });
  // In the history and on the page: a flaky cell, no finding, no alert.
  const r: HealthReport = { verdict: 'healthy', exitCode: 0, tenant: 't', startedAt: '2030-02-10T02:17:00.000Z', durationMs: 1, counts: countOf(flakyOnly), checks: flakyOnly };
  const n = nightOf(r, findingsOfRun(join(dir, 'none'), r));
  expect(n.checks.filter((c) => c.status === 'flaky').map((c) => c.reason)).toEqual([expect.stringContaining('the first attempt fails'), expect.stringContaining('ECONNREFUSED')]);
  expect(n.findings).toEqual([]);
  expect(alertReasons([night(1, false, {}), n], { alertAfter: 1, remindAfter: 7 })).toEqual([]);
  const html = renderHealthPage([n], { links: [], historyFile: 'h', keep: 30 });
  expect(html).toContain('<span id="counts">1 ok, 2 flaky, 0 failed, 0 unreachable, 0 skipped</span>');
  expect(html.match(/<span class="tag flaky">flaky<\/span>/g)).toHaveLength(2);
  expect(html).toContain('data-status="flaky"');
});

test('the quarantine list: a check in force is shown, not judged; an expired entry judges it again; a bad file is an error', () => {
  const checks = checksFromReport(report);
  const file = join(dir, 'health-quarantine.yaml');
  const id = `${checks.find((c) => c.status === 'failed')!.file} › checks › fails every time`;
  writeFileSync(file, `checks:\n  - check: "${id}"\n    reason: "known flaky until the vendor fixes TICKET-1"\n    expires: 2030-03-01\n  - check: "gone › check"\n    reason: "r"\n    expires: 2030-03-01\n`);
  const entries = readQuarantine(file);
  const inForce = applyQuarantine(checks, entries, '2030-02-15');
  expect(inForce).toMatchObject({ active: 2, expired: [], unmatched: ['gone › check'] });
  expect(inForce.checks.find((c) => c.quarantined)).toMatchObject({ status: 'failed', quarantined: { reason: 'known flaky until the vendor fixes TICKET-1', expires: '2030-03-01' } });
  expect(verdictOf(inForce.checks)).toEqual({ verdict: 'healthy', exitCode: 0 });
  const expired = applyQuarantine(checks, entries, '2030-03-02');
  expect(expired).toMatchObject({ active: 0, expired: [id, 'gone › check'] });
  expect(verdictOf(expired.checks).verdict).toBe('broken');
  // Its finding is known that night: it alerts nothing.
  const r: HealthReport = { verdict: 'healthy', exitCode: 0, tenant: 't', startedAt: '2030-02-15T02:17:00.000Z', durationMs: 1, counts: countOf(inForce.checks), checks: inForce.checks };
  const n = nightOf(r, findingsOfRun(join(dir, 'none'), r));
  expect(n.findings.filter((f) => f.verdict === 'fail').map((f) => n.known.includes(f.signature))).toEqual([true]);
  expect(n.checks.find((c) => c.quarantined)?.status).toBe('fail');
  writeFileSync(file, 'checks:\n  - check: x\n    expires: 2030-03-01\n');
  expect(() => readQuarantine(file)).toThrow(QuarantineError);
});

test('flapping needs several changes: one red night among greens is not flapping, red and green every other night is', () => {
  const ids = { a: 'pass', b: 'pass' } as const;
  const incident = gridOf([night(1, false, ids), night(2, true, { a: 'fail', b: 'unreachable' }), night(3, false, ids), night(4, false, ids), night(5, false, ids)]);
  expect(incident.map((r) => [r.id, r.changes, r.flapping])).toEqual([['a', 2, false], ['b', 2, false]]);
  const flapping = gridOf([night(1, false, ids), night(2, true, { a: 'fail', b: 'pass' }), night(3, false, ids), night(4, true, { a: 'fail', b: 'pass' }), night(5, false, ids)]);
  expect(flapping.map((r) => [r.id, r.changes, r.flapping])).toEqual([['a', 4, true], ['b', 0, false]]);
});
