// npm run health end to end: healthy against the mock (even one that answers 503 and flow control now and then),
// broken (exit 1) against a mutant that breaks a response contract, unreachable (exit 2) at a closed port,
// misconfigured (exit 2) without credentials or with a refused secret; plus the verdict rules on their own.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checksFromReport, reasonOf, recordsByCheck, verdictOf, type HealthCheck, type HealthReport, type JsonReport } from '../../src/tools/health/classify.js';
import { readExchanges } from '../../src/contract/exchange.js';
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import { closedPort, runNode, startMock, suiteEnv, tsx } from './helpers.js';

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cec-health-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const health = (name: string, env: NodeJS.ProcessEnv) => runNode(tsx('scripts/health.ts'), { CEC_REPORTS_DIR: join(dir, name), ...env });
const reportOf = (name: string): HealthReport => JSON.parse(readFileSync(join(dir, name, 'health.json'), 'utf8')) as HealthReport;

test.describe('npm run health', () => {
  test.describe.configure({ timeout: 240_000 });

  test('healthy: exit 0 against the embedded mock, transient 503 and flow control retried, the rate kept', async () => {
    const port = String(await closedPort());
    const maxRps = 40;
    const r = await health('healthy', {
      MOCK_PORT: port, MOCK_FAULT_503_RATE: '0.05', MOCK_FAULT_FLOW_CONTROL_RATE: '0.05',
      CEC_HEALTH_MAX_RPS: String(maxRps), CEC_HEALTH_RETRIES: '6', CI: '1', // CI: never reuse a mock someone else started
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^CEC tenant health: HEALTHY \(exit 0\)/);
    expect(r.stdout.split('\n').length).toBeLessThan(30); // one screen
    const report = reportOf('healthy');
    expect(report).toMatchObject({ verdict: 'healthy', exitCode: 0, policy: { maxRps, retries: 6 } });
    expect(report.counts.ok).toBeGreaterThan(20);
    expect(report.counts.failed + report.counts.unreachable).toBe(0);
    // Never a side effect or a fault injection: only @health tests ran.
    const records = readExchanges(join(dir, 'healthy', 'health', 'exchanges')) as unknown as ExchangeRecord[];
    expect(records.length).toBeGreaterThan(50);
    for (const x of records) {
      expect(x.test?.tags ?? [], x.test?.title).toContain('@health');
      for (const tag of ['@side-effect', '@mock-only']) expect(x.test?.tags ?? []).not.toContain(tag);
      expect(x.url).not.toContain('/__mock/');
    }
    for (const c of report.checks) expect(c.requests, c.name).toBeGreaterThan(0);
    // The injected faults were met and retried (each check counts its transient answers)…
    const transient = records.filter((x) => x.status === 503 || x.resultCode === '10010000002').length;
    expect(transient).toBeGreaterThan(0);
    expect(report.checks.reduce((s, c) => s + c.transient, 0)).toBe(transient);
    // …and no second held more requests than the throttle allows (+1 for timer slack at the edges).
    const starts = records.map((x) => Date.parse(x.startedAt)).sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; i < starts.length; i++) {
      while (starts[i] - starts[j] >= 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(maxRps + 1);
    // The run's own reports, apart from a conformance run's.
    expect(existsSync(join(dir, 'healthy', 'health', 'junit.xml'))).toBe(true);
    expect(existsSync(join(dir, 'healthy', 'junit.xml'))).toBe(false);
  });

  test('broken: exit 1 against a mock whose poll answers break the contract, naming the violation', async () => {
    const mock = await startMock({ MOCK_MUTATION: 'poll-list-missing' });
    try {
      const r = await health('broken', { ...suiteEnv(mock.url), CEC_HEALTH_MAX_RPS: '40' });
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
      expect(r.stdout).toMatch(/^CEC tenant health: BROKEN \(exit 1\)/);
      expect(r.stdout).toContain("Contract of poll violated: at /downlinkMessages: must have required property 'downlinkMessages'");
      const report = reportOf('broken');
      expect(report.verdict).toBe('broken');
      const failed = report.checks.filter((c) => c.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      for (const c of failed) {
        expect(c.detail).toContain('Contract of poll violated');
        expect(c.latencyMs).not.toBeNull();
      }
      expect(report.counts.ok).toBeGreaterThan(0);
    } finally {
      await mock.stop();
    }
  });

  test('unreachable: exit 2 at a closed port', async () => {
    const port = await closedPort();
    const r = await health('unreachable', suiteEnv(`http://127.0.0.1:${port}`));
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stdout).toMatch(/^CEC tenant health: UNREACHABLE \(exit 2\)/);
    expect(reportOf('unreachable')).toMatchObject({ verdict: 'unreachable', exitCode: 2 });
    expect(reportOf('unreachable').detail).toContain(`tenant unreachable at URL: http://127.0.0.1:${port}`);
  });

  test('misconfigured: exit 2 without the credentials a tenant needs, and when the tenant refuses the AK/SK', async () => {
    const missing = await health('missing', { CEC_BASE_URL: 'https://tenant.invalid' });
    expect(missing.status, missing.stdout).toBe(2);
    expect(reportOf('missing')).toMatchObject({ verdict: 'misconfigured', exitCode: 2 });
    expect(reportOf('missing').detail).toContain('CEC_APP_KEY, CEC_APP_SECRET, CEC_CHANNEL_CONFIG_ID');
    const bad = await health('bad-rate', { CEC_HEALTH_MAX_RPS: 'fast' });
    expect(bad.status, bad.stdout).toBe(2);
    expect(reportOf('bad-rate').detail).toContain('CEC_HEALTH_MAX_RPS');

    const mock = await startMock();
    try {
      const refused = await health('refused', { ...suiteEnv(mock.url), CEC_APP_SECRET: 'not-the-secret-4711' });
      expect(refused.status, refused.stdout).toBe(2);
      expect(reportOf('refused')).toMatchObject({ verdict: 'misconfigured', exitCode: 2 });
      expect(reportOf('refused').detail).toContain('refused CEC_APP_KEY / CEC_APP_SECRET');
      // The refused secret itself is nowhere in what the check wrote.
      expect(readFileSync(join(dir, 'refused', 'health.json'), 'utf8')).not.toContain('not-the-secret-4711');
      expect(refused.stdout).not.toContain('not-the-secret-4711');
    } finally {
      await mock.stop();
    }
  });
});

test.describe('verdict rules', () => {
  const check = (status: HealthCheck['status']): HealthCheck => ({ name: status, file: 'f', status, durationMs: 1, requests: 1, latencyMs: 1, maxLatencyMs: 1, transient: 0, noAnswer: 0 });

  test('healthy, broken, unreachable, misconfigured', () => {
    expect(verdictOf([check('ok'), check('skipped')])).toMatchObject({ verdict: 'healthy', exitCode: 0 });
    expect(verdictOf([check('ok'), check('failed')])).toMatchObject({ verdict: 'broken', exitCode: 1 });
    expect(verdictOf([check('failed'), check('unreachable')])).toMatchObject({ verdict: 'broken', exitCode: 1 });
    expect(verdictOf([check('unreachable'), check('skipped')])).toMatchObject({ verdict: 'unreachable', exitCode: 2 });
    // Some answered, some not: the tenant is there but flaky.
    expect(verdictOf([check('ok'), check('unreachable')])).toMatchObject({ verdict: 'broken', exitCode: 1 });
    expect(verdictOf([check('skipped')])).toMatchObject({ verdict: 'broken', exitCode: 1 });
    expect(verdictOf([])).toMatchObject({ verdict: 'broken', exitCode: 1 });
    expect(verdictOf([], ['UnreachableError: tenant unreachable at URL: http://x'])).toMatchObject({ verdict: 'unreachable', exitCode: 2 });
    expect(verdictOf([], ['CredentialsRefusedError: the tenant at http://x refused CEC_APP_KEY / CEC_APP_SECRET'])).toMatchObject({ verdict: 'misconfigured', exitCode: 2 });
    expect(verdictOf([], ['Error: No tests found'])).toMatchObject({ verdict: 'misconfigured', exitCode: 2 });
  });

  test('checks come from the JSON report, their latency from the exchange records of the same test', () => {
    const report: JsonReport = {
      suites: [{
        title: 'contract/a.spec.ts', file: 'contract/a.spec.ts', suites: [{
          title: 'poll', specs: [
            { title: 'answers', file: 'contract/a.spec.ts', tests: [{ results: [{ status: 'passed', duration: 40 }] }] },
            { title: 'breaks', file: 'contract/a.spec.ts', tests: [{ results: [{ status: 'failed', duration: 50, error: { message: '\u001b[31mError: expect(response).toMatchContract(\'poll\')\nContract of poll violated:\n  at /x: must be string\u001b[39m' } }] }] },
            { title: 'times out', file: 'contract/a.spec.ts', tests: [{ results: [{ status: 'failed', duration: 60, error: { message: 'NoAnswerError: No answer from GET http://t/poll: Timeout 10000ms exceeded.' } }] }] },
            { title: 'skips', file: 'contract/a.spec.ts', tests: [{ results: [{ status: 'skipped', duration: 0, annotations: [{ type: 'skip', description: 'needs an agent' }] }] }] },
          ],
        }],
      }],
    };
    const t = (title: string) => ({ file: 'contract/a.spec.ts', title, titlePath: ['poll', title], project: 'p', tags: [], retry: 0 });
    const records = recordsByCheck([
      { test: t('answers'), durationMs: 10, status: 200 }, { test: t('answers'), durationMs: 30, status: 503 }, { test: t('answers'), durationMs: 20, status: 200, resultCode: '0' },
      { test: t('breaks'), durationMs: 5, status: 200 },
      { test: t('times out'), durationMs: 10_000, status: null },
    ]);
    const checks = checksFromReport(report, records);
    expect(checks.map((c) => [c.name, c.status, c.requests, c.latencyMs, c.maxLatencyMs, c.transient, c.noAnswer])).toEqual([
      ['poll › answers', 'ok', 3, 20, 30, 1, 0],
      ['poll › breaks', 'failed', 1, 5, 5, 0, 0],
      ['poll › times out', 'unreachable', 1, null, null, 0, 1],
      ['poll › skips', 'skipped', 0, null, null, 0, 0],
    ]);
    expect(checks[1].detail).not.toContain('\u001b');
    expect(reasonOf(checks[1].detail!)).toBe('Contract of poll violated: at /x: must be string');
    expect(checks[3].detail).toBe('needs an agent');
  });
});
