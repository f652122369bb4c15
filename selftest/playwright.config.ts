// The project's own tests (npm test): the spec, the contract layer, the mock, the reports and the mutation harness.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/selftest',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  timeout: 120_000,
  reporter: [['list']],
});
