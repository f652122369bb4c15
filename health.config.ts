// The health check's Playwright configuration (products/health/health.cli.ts runs it with CEC_REPORTS_DIR=<reports>/health): the
// suite's configuration and reporters (HTML, JUnit, Allure results, and any other the suite adds, all under the health
// run's own directory), without the console list, plus the JSON report the verdict is read from.
import { join } from 'node:path';
import type { PlaywrightTestConfig, ReporterDescription } from '@playwright/test';
import base from './playwright.config.js';
import { loadConfig } from './src/suite/config.js';

const dir = loadConfig(process.env).reportsDir;
const suiteReporters = (Array.isArray(base.reporter) ? base.reporter : []) as ReporterDescription[];

const config: PlaywrightTestConfig = {
  ...base,
  reporter: [['json', { outputFile: join(dir, 'playwright.json') }], ...suiteReporters.filter(([name]) => name !== 'list')],
};
export default config;
