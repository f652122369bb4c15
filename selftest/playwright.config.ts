// The project's own tests (npm test): the spec, the contract layer, the mock, the reports and the mutation harness.
import { defineConfig } from '@playwright/test';

// The two longest files (npm run mutation end to end, three health nights in a row) are queued first, one per worker,
// and everything else fills in around them: started last, as alphabetical order did, they alone outlasted the rest
// of the run by minutes (docs/benchmarks.md, "npm test").
const LONGEST = ['**/reports/health-nights.spec.ts', '**/lenient/suite.spec.ts', '**/conformance/run.spec.ts', '**/reports/health-budgets.spec.ts', '**/explore/determinism.spec.ts'];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/selftest',
  // A directory the workers share (one conformance run read by several files: reports/shared-run.ts).
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 3,
  timeout: 120_000,
  reporter: [['list']],
  projects: [
    { name: 'longest', testMatch: LONGEST },
    { name: 'selftest', testIgnore: LONGEST },
  ],
});
