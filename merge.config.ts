// Reporters for `npm run report:merge`: the blob reports of sharded runs (reports/blob) become one HTML report, one
// JUnit file and one set of Allure results, exactly as a single run would have written them.
import { isAbsolute, join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { PROJECT_ROOT } from './src/suite/config.js';

const raw = process.env.CEC_REPORTS_DIR?.trim() || 'reports';
const reports = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);

export default defineConfig({
  testDir: 'tests',
  reporter: [
    ['list'],
    ['html', { outputFolder: join(reports, 'html'), open: 'never' }],
    ['junit', { outputFile: join(reports, 'junit.xml') }],
    // allure-playwright, made safe for merging (see the file).
    [join(PROJECT_ROOT, 'scripts', 'allure-merge-reporter.ts'), { resultsDir: join(reports, 'allure-results') }],
  ],
});
