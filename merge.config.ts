// Reporters for `npm run report:merge`: the blob reports of sharded runs (reports/blob) become one HTML report, one
// JUnit file and one set of Allure results, exactly as a single run would have written them.
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const reports = process.env.CEC_REPORTS_DIR ?? 'reports';

export default defineConfig({
  testDir: 'tests',
  reporter: [
    ['list'],
    ['html', { outputFolder: join(reports, 'html'), open: 'never' }],
    ['junit', { outputFile: join(reports, 'junit.xml') }],
    ['allure-playwright', { resultsDir: join(reports, 'allure-results') }],
  ],
});
