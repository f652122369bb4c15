// npm run conformance (products/conformance/conformance.cli.ts): exit 0 passed, 1 a finding fails, 2 a configuration error, an unknown
// option or an unreachable tenant; --help prints the usage and runs nothing. Real runs of the command, each small.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../../products/bench/child.js';
import { runNode, suiteEnv, tsx } from '../reports/helpers.js';

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

test('passed: exit 0 (the embedded mock on purpose with --mock, CI set); a failing finding: exit 1, its test\'s trace kept with the API calls and without the sources', async () => {
  const passed = await conformance('passed', { CI: 'true', MOCK_PORT: String(await freePort()) }, '--mock', ...ONE);
  expect(passed.status, `${passed.stdout}\n${passed.stderr}`).toBe(0);
  expect(passed.stdout).toContain('1 passed');
  expect(traces('passed'), 'a passing test keeps no trace').toEqual([]);
  // The embedded mock as a mutant (MOCK_MUTATION): its published credentials, so the failed test keeps its trace.
  const failed = await conformance('failed', { CI: 'true', MOCK_PORT: String(await freePort()), MOCK_MUTATION: 'applytoken-token-missing' }, '--mock', ...ONE);
  expect(failed.status, `${failed.stdout}\n${failed.stderr}`).toBe(1);
  expect(failed.stdout).toContain('1 failed');
  const kept = traces('failed');
  expect(kept).toHaveLength(1);
  const entries = zipEntries(kept[0]);
  // The request context's trace (the API calls) is there; the test's sources are not (playwright.config.ts).
  expect(entries).toContain('0-trace.trace');
  expect(entries.filter((e) => e.startsWith('src/')), 'source files in the trace').toEqual([]);
});

/** The trace.zip files a run kept under its test-results. */
function traces(name: string): string[] {
  const root = join(dir, name, 'test-results');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('trace.zip')).map((f) => join(root, f));
}

/** The names of a zip file's entries, from its central directory (signature 0x02014b50, name length at +28). */
function zipEntries(file: string): string[] {
  const zip = readFileSync(file);
  const names: string[] = [];
  for (let at = zip.indexOf(CENTRAL_ENTRY); at >= 0; at = zip.indexOf(CENTRAL_ENTRY, at + 46)) {
    names.push(zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)));
  }
  return names;
}
const CENTRAL_ENTRY = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
