// The requests the suite sends pass the traffic check: a part of the suite runs (a child run) against a mock served
// in this worker, its exchange records are exported as HAR (npm run export-har) and checked (npm run check-traffic):
// no request the suite vouches for breaks a rule; the negative tests' variants are counted and all of them break one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FindingsReport } from '../../products/findings/model.js';
import type { Har } from '../../products/traffic/har.js';
import type { TrafficTally } from '../../products/traffic/check.js';
import { playwrightTest, runNode, startMock, suiteEnv, tsx, type RunningMock } from '../reports/helpers.js';

let dir: string;
let mock: RunningMock;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cec-traffic-suite-'));
  mock = await startMock();
});
test.afterAll(async () => {
  await mock?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a suite run exported as HAR passes the traffic check: no request the suite vouches for breaks a rule', async () => {
  test.setTimeout(240_000);
  const reports = join(dir, 'reports');
  // One worker: a handful of tests, fewer than a second worker process costs to start.
  const env = { ...suiteEnv(mock.url), CEC_REPORTS_DIR: reports, CEC_SEED: '16', CEC_WORKERS: '1' };
  const run = await runNode(playwrightTest('tests/contract/messaging.spec.ts', 'tests/negative/bodies.spec.ts', '--grep', 'saveSatisfaction|CONNECT|poll', `--output=${join(dir, 'test-results')}`), env, 200_000);
  expect(run.status, run.stdout.slice(-2000)).toBe(0);

  const harFile = join(dir, 'run.har');
  const exported = await runNode(tsx('products/traffic/export-har.cli.ts', `--from=${join(reports, 'exchanges')}`, `--out=${harFile}`), {}, 60_000);
  expect(exported.status, exported.stderr).toBe(0);
  const har = JSON.parse(readFileSync(harFile, 'utf8')) as Har;
  expect(har.log.entries.length).toBeGreaterThan(20);
  expect(readFileSync(harFile, 'utf8')).not.toMatch(/Bearer (?!\*\*\*)/);

  const out = join(dir, 'traffic');
  const checked = await runNode(tsx('products/traffic/check-traffic.cli.ts', harFile, `--out=${out}`), {}, 60_000);
  expect(checked.status, checked.stdout + checked.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsReport;
  expect(report.findings.filter((f) => f.check === ('request' as string))).toEqual([]);
  const { tally } = JSON.parse(readFileSync(join(out, 'traffic.json'), 'utf8')) as { tally: TrafficTally };
  expect(tally.checked).toBe(har.log.entries.filter((e) => e._cec?.operationId).length);
  expect(tally.variants).toBeGreaterThan(5);
  expect(tally.variantsBreaking, 'every negative body variant breaks a rule the check sees').toBe(tally.variants);

  // The same from the records directly, and with the variants judged: each one is a request finding.
  const judged = await runNode(tsx('products/traffic/check-traffic.cli.ts', `--from-exchanges=${join(reports, 'exchanges')}`, `--out=${join(dir, 'judged')}`, '--judge-variants'), {}, 60_000);
  expect(judged.status).toBe(1);
  expect(judged.stdout).toContain('(exchange-records)');
  expect(judged.stdout).toMatch(/FAIL +saveSatisfaction request \/body\/evaluation enum/);
});
