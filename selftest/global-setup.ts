// Global setup of the self-tests: a directory for what the self-tests of this `playwright test` share across workers
// (selftest/reports/shared-run.ts: one conformance run read by several files), removed at the end unless
// CEC_KEEP_SELFTEST_REPORTS is set. When the whole self-test run is asked for (no file or --grep filter), the shared
// run starts here, in the runner process, while the workers run other files: its readers then find it made instead
// of holding a worker for its ~30 s. A filtered run leaves it to the first reader that needs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DIR_VARIABLE } from './shared-dir.js';
import { sharedRun } from './reports/shared-run.js';

/** Options of `playwright test` that take a value (their value is no file filter). */
const WITH_VALUE = new Set(['-c', '--config', '-j', '--workers', '--reporter', '--project', '--output', '--repeat-each', '--retries', '--timeout', '--global-timeout', '--shard', '--max-failures', '--trace', '--tsconfig']);

/** Whether `argv` (the runner's) asks for every self-test: no file filter, no --grep, no --last-failed. */
export function wholeRun(argv: string[]): boolean {
  const i = argv.indexOf('test');
  const args = i < 0 ? [] : argv.slice(i + 1);
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (/^(-g|--grep|--grep-invert|--last-failed|--only-changed|--list)(=|$)|^-g/.test(a)) return false;
    if (WITH_VALUE.has(a)) { k++; continue; }
    if (!a.startsWith('-')) return false; // a file or directory filter
  }
  return true;
}

export default function globalSetup(): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cec-selftest-shared-'));
  process.env[SHARED_DIR_VARIABLE] = dir;
  // Its errors reach the readers (result.json says why); here it only must not be an unhandled rejection.
  const early = wholeRun(process.argv) ? sharedRun().catch(() => undefined) : undefined;
  return async () => {
    await early;
    if (!process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
  };
}
