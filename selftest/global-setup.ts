// Global setup of the self-tests: a directory for what the self-tests of this `playwright test` share across workers
// (selftest/reports/shared-run.ts: one conformance run read by several files), removed at the end unless
// CEC_KEEP_SELFTEST_REPORTS is set. Nothing is run here: a shared run is made by the first test that needs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where this `playwright test` keeps what its workers share (read by the workers). */
export const SHARED_DIR_VARIABLE = 'CEC_SELFTEST_SHARED_DIR';

export default function globalSetup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cec-selftest-shared-'));
  process.env[SHARED_DIR_VARIABLE] = dir;
  return () => {
    if (!process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
  };
}
