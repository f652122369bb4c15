// npm run report: the Allure HTML report (one self-contained file that opens from disk) and the spec coverage page, from what the
// last conformance run left under reports/ (or CEC_REPORTS_DIR, resolved like the suite does: relative to the
// project root). The Playwright HTML report (reports/html) and JUnit (reports/junit.xml) are written by the run itself.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/suite/config.js';
import { generateAllure } from './allure.js';
import { buildCoverage, coverageTotals } from '../coverage/build.js';

const raw = process.env.CEC_REPORTS_DIR?.trim() || 'reports';
const reports = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
const results = join(reports, 'allure-results');
const started = Date.now();

if (!existsSync(results) || !readdirSync(results).some((f) => f.endsWith('-result.json'))) {
  console.error(`report: no Allure results in ${results}: run the suite first (npm run conformance), or merge shards (npm run report:merge)`);
  process.exit(1);
}
console.log('Building reports');
// A fresh directory: files of an earlier report must not survive into this one.
rmSync(join(reports, 'allure'), { recursive: true, force: true });
let t = Date.now();
const failed = generateAllure({ results, output: join(reports, 'allure'), name: 'CEC Web Client Access conformance' });
if (failed) {
  console.error(`report: allure failed:\n${failed}`);
  process.exit(1);
}
console.log(`  ${'allure'.padEnd(10)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
t = Date.now();
const coverage = buildCoverage(join(reports, 'exchanges'), join(reports, 'coverage'));
console.log(`  ${'coverage'.padEnd(10)} ${((Date.now() - t) / 1000).toFixed(1)} s (${coverage.exchanges} exchanges)\n${coverageTotals(coverage).replace(/^/gm, '    ')}`);
console.log(`Reports in ${((Date.now() - started) / 1000).toFixed(1)} s:\n  ${join(reports, 'html/index.html')}\n  ${join(reports, 'allure/index.html')}\n  ${join(reports, 'coverage/index.html')}\n  ${join(reports, 'junit.xml')}`);
