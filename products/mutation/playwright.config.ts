// The Playwright configuration of a focused run of `npm run mutation` (runner.ts): the suite's configuration
// (../playwright.config.ts) with its tests in one project, so the tests a mutant can meet (coverage.ts, given as
// --test-list) run in one worker: the @smoke tests are among them when they call the mutant's operations, and no
// second worker starts for a smoke project. Whole-suite runs (the clean run, a fallback, --full) use the suite's own
// configuration, smoke gate included. Paths are the suite's, resolved from the project root.
import { fileURLToPath } from 'node:url';
import type { PlaywrightTestConfig } from '@playwright/test';
import base from '../../playwright.config.js';

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const config: PlaywrightTestConfig = {
  ...base,
  testDir: root('tests'),
  globalSetup: root('fixtures/global-setup.ts'),
  outputDir: root('test-results'),
  // The runner names its reporters on the command line (JSON and the findings reporter).
  reporter: 'list',
  projects: [{ name: 'focus' }],
};
export default config;
