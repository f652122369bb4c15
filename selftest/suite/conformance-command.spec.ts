// npm run conformance (products/conformance/conformance.cli.ts): exit 0 passed, 1 a finding fails, 2 a configuration error, an unknown
// option or an unreachable tenant; --help prints the usage and runs nothing. Real runs of the command, each small.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../../products/bench/child.js';
import { runNode, startMock, suiteEnv, tsx } from '../reports/helpers.js';

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cec-conformance-cli-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conformance = (name: string, env: NodeJS.ProcessEnv, ...args: string[]) =>
  runNode(tsx('products/conformance/conformance.cli.ts', ...args, `--output=${join(dir, name, 'test-results')}`), { CEC_REPORTS_DIR: join(dir, name), CEC_SEED: '23', ...env }, 240_000);
/** One quick test of the suite: applyToken's contract. */
const ONE = ['--grep', 'applyToken issues a ccmessaging-token for a customer', '--no-deps'];

test.describe.configure({ timeout: 240_000 });

test('--help prints the usage and runs nothing (exit 0)', async () => {
  const r = await runNode(tsx('products/conformance/conformance.cli.ts', '--help'), { CEC_REPORTS_DIR: join(dir, 'help'), CI: 'true' });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^Usage: npm run conformance/);
  expect(r.stdout).toContain('2 a configuration error');
  expect(existsSync(join(dir, 'help'))).toBe(false);
});

test('a configuration error: exit 2, nothing started (CI=true without CEC_BASE_URL names CEC_BASE_URL and CEC_TARGET=mock)', async () => {
  const r = await conformance('ci-no-tenant', { CI: 'true' });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
  expect(r.stderr).toContain('CEC_BASE_URL: is unset, but a tenant was meant (CI=true)');
  expect(r.stderr).toContain('CEC_TARGET=mock');
  expect(r.stdout).not.toContain('Running');
  expect(existsSync(join(dir, 'ci-no-tenant'))).toBe(false);
});

test('an unknown option: exit 2 (Playwright\'s usage error, not a failing finding)', async () => {
  const r = await conformance('unknown', { CEC_TARGET: 'mock' }, '--no-such-option');
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toContain("unknown option '--no-such-option'");
});

test('an unreachable tenant: exit 2, told apart from a failure', async () => {
  const port = await freePort();
  const r = await conformance('unreachable', suiteEnv(`http://127.0.0.1:${port}`), ...ONE);
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
  expect(`${r.stdout}${r.stderr}`).toContain(`tenant unreachable at URL: http://127.0.0.1:${port}`);
  expect(r.stderr).toContain('the run stopped before its tests: unreachable (exit 2)');
});

test('passed: exit 0 (the embedded mock on purpose with --mock, CI set); a failing finding: exit 1', async () => {
  const passed = await conformance('passed', { CI: 'true', MOCK_PORT: String(await freePort()) }, '--mock', ...ONE);
  expect(passed.status, `${passed.stdout}\n${passed.stderr}`).toBe(0);
  expect(passed.stdout).toContain('1 passed');
  const mutant = await startMock({ MOCK_MUTATION: 'applytoken-token-missing' });
  try {
    const failed = await conformance('failed', suiteEnv(mutant.url), ...ONE);
    expect(failed.status, `${failed.stdout}\n${failed.stderr}`).toBe(1);
    expect(failed.stdout).toContain('1 failed');
  } finally {
    await mutant.stop();
  }
});
