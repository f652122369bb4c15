// npm run health end to end: unreachable (exit 2) at a closed port, misconfigured (exit 2) without credentials or with
// a refused secret; plus the verdict rules on their own. Healthy (exit 0) and broken (exit 1) are the nights of
// health-nights.spec.ts, which also checks the history and the health page they build.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checksFromReport, reasonOf, recordsByCheck, verdictOf, type HealthCheck, type HealthReport, type JsonReport } from '../../products/health/classify.js';
import { historyFiles, readHistory } from '../../products/health/history.js';
import { runNode, suiteEnv, tsx } from './helpers.js';
import { buildApp } from '../../mock/app.js';
import { freePort } from '../../products/bench/child.js';

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cec-health-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const health = (name: string, env: NodeJS.ProcessEnv, ...args: string[]) => runNode(tsx('products/health/health.cli.ts', ...args), { CEC_REPORTS_DIR: join(dir, name), ...env });
const reportOf = (name: string): HealthReport => JSON.parse(readFileSync(join(dir, name, 'health.json'), 'utf8')) as HealthReport;

test.describe('npm run health', () => {
  test.describe.configure({ timeout: 240_000 });

  test('unreachable: exit 2 at a closed port', async () => {
    const port = await freePort();
    const r = await health('unreachable', suiteEnv(`http://127.0.0.1:${port}`));
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stdout).toMatch(/^CEC tenant health: UNREACHABLE \(exit 2\)/);
    expect(reportOf('unreachable')).toMatchObject({ verdict: 'unreachable', exitCode: 2 });
    expect(reportOf('unreachable').detail).toContain(`tenant unreachable at URL: http://127.0.0.1:${port}`);
    // An unreachable night is history too: recorded with its reason as the finding, on the page.
    const nights = readHistory(historyFiles(join(dir, 'unreachable'), 'mock').nights);
    expect(nights.map((n) => n.verdict)).toEqual(['unreachable']);
    expect(nights[0].findings.map((f) => f.signature)).toEqual([expect.stringContaining('tenant unreachable at URL')]);
    expect(readFileSync(join(dir, 'unreachable', 'health', 'index.html'), 'utf8')).toContain('data-verdict="unreachable"');
  });

  test('misconfigured: exit 2 without the credentials a tenant needs, and when the tenant refuses the AK/SK', async () => {
    const missing = await health('missing', { CEC_BASE_URL: 'https://tenant.invalid' });
    expect(missing.status, missing.stdout).toBe(2);
    expect(reportOf('missing')).toMatchObject({ verdict: 'misconfigured', exitCode: 2 });
    expect(reportOf('missing').detail).toContain('CEC_APP_KEY, CEC_APP_SECRET, CEC_CHANNEL_CONFIG_ID');
    const bad = await health('bad-rate', { CEC_HEALTH_MAX_RPS: 'fast' });
    expect(bad.status, bad.stdout).toBe(2);
    expect(reportOf('bad-rate').detail).toContain('CEC_HEALTH_MAX_RPS');

    // The mock in this process (a real HTTP server; a process of its own would cost a second TypeScript start).
    const mock = buildApp({ logLevel: 'error', agentDelayMs: 100 });
    await mock.listen({ port: 0, host: '127.0.0.1' });
    try {
      const refused = await health('refused', { ...suiteEnv(`http://127.0.0.1:${(mock.server.address() as AddressInfo).port}`), CEC_APP_SECRET: 'not-the-secret-4711' });
      expect(refused.status, refused.stdout).toBe(2);
      expect(reportOf('refused')).toMatchObject({ verdict: 'misconfigured', exitCode: 2 });
      expect(reportOf('refused').detail).toContain('refused CEC_APP_KEY / CEC_APP_SECRET');
      // The refused secret itself is nowhere in what the check wrote.
      expect(readFileSync(join(dir, 'refused', 'health.json'), 'utf8')).not.toContain('not-the-secret-4711');
      expect(refused.stdout).not.toContain('not-the-secret-4711');
    } finally {
      await mock.close();
    }
  });
});

test.describe('the tenant guard and the command line', () => {
  const nightsIn = (name: string): string[] => (existsSync(join(dir, name, 'health-history')) ? readdirSync(join(dir, name, 'health-history'), { recursive: true }).map(String) : []);

  test('CI=true without CEC_BASE_URL: exit 2 naming CEC_BASE_URL and CEC_TARGET=mock, nothing run, no night added', async () => {
    const r = await health('ci-no-tenant', { CI: 'true' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stdout).toMatch(/^CEC tenant health: MISCONFIGURED \(exit 2\)/);
    expect(reportOf('ci-no-tenant').detail).toMatch(/CEC_BASE_URL: is unset, but a tenant was meant \(CI=true; this is the health check/);
    expect(reportOf('ci-no-tenant').detail).toContain('CEC_TARGET=mock');
    expect(nightsIn('ci-no-tenant')).toEqual([]);
    expect(existsSync(join(dir, 'ci-no-tenant', 'health', 'playwright.json'))).toBe(false);
  });

  test('a misspelt CEC_BASEURL: exit 2, the nearest known name suggested, no night added', async () => {
    const r = await health('typo', { CI: 'true', CEC_BASEURL: 'https://service.example.com' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(reportOf('typo').detail).toContain('CEC_BASEURL: is not a variable of the suite — did you mean CEC_BASE_URL?');
    expect(nightsIn('typo')).toEqual([]);
  });

  test('--help prints the usage and runs nothing; an unknown flag is a usage error (exit 2)', async () => {
    const help = await health('help', { CI: 'true' }, '--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run health/);
    for (const flag of ['--mock', '--write-budgets', '--grep <regex>']) expect(help.stdout).toContain(flag);
    expect(existsSync(join(dir, 'help'))).toBe(false);
    const unknown = await health('unknown-flag', {}, '--nightly');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--nightly'");
    expect(unknown.stderr).toContain('Usage: npm run health');
    expect(existsSync(join(dir, 'unknown-flag'))).toBe(false);
    // --grep takes a regular expression: one that does not compile is a usage error too.
    const badGrep = await health('grep-bad', {}, '--grep', 'poll(');
    expect(badGrep.status, badGrep.stderr).toBe(2);
    expect(badGrep.stderr).toContain('--grep: Invalid regular expression: /poll(/i: Unterminated group');
    expect(badGrep.stderr).toContain('Usage: npm run health');
    expect(existsSync(join(dir, 'grep-bad'))).toBe(false);
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
