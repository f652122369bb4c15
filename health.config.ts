// The health check's Playwright configuration (scripts/health.ts runs it with CEC_REPORTS_DIR=<reports>/health):
// the suite's configuration with the health run's reporters: the JSON report the verdict is read from, JUnit, the
// Playwright HTML report and Allure results, all under the health run's own directory.
import { join } from 'node:path';
import type { PlaywrightTestConfig } from '@playwright/test';
import base from './playwright.config.js';
import { loadConfig } from './src/suite/config.js';

const dir = loadConfig(process.env).reportsDir;

const config: PlaywrightTestConfig = {
  ...base,
  reporter: [
    ['json', { outputFile: join(dir, 'playwright.json') }],
    ['junit', { outputFile: join(dir, 'junit.xml') }],
    ['html', { outputFolder: join(dir, 'html'), open: 'never' }],
    ['allure-playwright', { resultsDir: join(dir, 'allure-results') }],
  ],
};
export default config;
