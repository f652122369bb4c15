// The project's own tests (npm test): the spec, the contract layer, the mock, the reports and the mutation harness.
import { defineConfig } from '@playwright/test';

// The five longest files (the health nights, the lenient mock's whole-suite run, the conformance runs, the budget
// nights, the explorations' determinism) are queued first, and everything else fills in around them: started last,
// as alphabetical order did, they alone outlasted the rest of the run by minutes (docs/benchmarks.md, "npm test").
const LONGEST = ['**/reports/health-nights.spec.ts', '**/lenient/suite.spec.ts', '**/conformance/run.spec.ts', '**/reports/health-budgets.spec.ts', '**/explore/determinism.spec.ts'];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/selftest',
  // A directory the workers share (one conformance run read by several files: reports/shared-run.ts).
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Four on 2 cores: much of a self-test is waiting (a slow agent of the mock, a throttle, a child run starting), and
  // a fourth worker fills those gaps; with three, a run kept the cores ~87 % busy (docs/benchmarks.md).
  workers: 4,
  timeout: 120_000,
  reporter: [['list']],
  projects: [
    { name: 'longest', testMatch: LONGEST },
    { name: 'selftest', testIgnore: LONGEST },
  ],
});
