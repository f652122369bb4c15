// Reporters for `npm run report:merge`: the blob reports of sharded runs (reports/blob) become one HTML report, one
// JUnit file and one set of Allure results, exactly as a single run would have written them.
import { isAbsolute, join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { loadConfig, PROJECT_ROOT } from './src/suite/config.js';
import { readingReports, withEmbeddedMockCredentials } from './products/embedded-mock/credentials.js';

const raw = process.env.CEC_REPORTS_DIR?.trim() || 'reports';
const reports = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
const suite = loadConfig(withEmbeddedMockCredentials(readingReports(process.env)));

export default defineConfig({
  testDir: 'tests',
  reporter: [
    ['list'],
    ['html', { outputFolder: join(reports, 'html'), open: 'never' }],
    ['junit', { outputFile: join(reports, 'junit.xml') }],
    // allure-playwright, made safe for merging (see the file).
    [join(PROJECT_ROOT, 'products', 'reports', 'allure-merge-reporter.ts'), { resultsDir: join(reports, 'allure-results') }],
    // The findings of all the shards together: one per root cause, the baseline, the gate.
    [join(PROJECT_ROOT, 'products', 'findings', 'reporter.ts'), {
      reportsDir: reports, baselineFile: suite.baselineFile, tenant: suite.baseUrl, seed: suite.seed, strict: suite.strict,
      skipRules: suite.skipRules, requireCoverage: suite.requireCoverage, target: suite.target,
    }],
  ],
});
