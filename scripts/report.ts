// npm run report: the Allure HTML report (offline, allure npm package) and the spec coverage page, from what the
// last conformance run left under reports/ (or CEC_REPORTS_DIR, resolved like the suite does: relative to the
// project root). The Playwright HTML report (reports/html) and JUnit (reports/junit.xml) are written by the run itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/suite/config.js';
import { buildCoverage, coverageTotals } from '../src/tools/coverage/build.js';

const raw = process.env.CEC_REPORTS_DIR?.trim() || 'reports';
const reports = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
const results = join(reports, 'allure-results');
const started = Date.now();
const allureCli = join(PROJECT_ROOT, 'node_modules', 'allure', 'cli.js');

function step(name: string, args: string[]): void {
  const t = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    console.error(`report: ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.log(`  ${name.padEnd(10)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

if (!existsSync(results) || !readdirSync(results).some((f) => f.endsWith('-result.json'))) {
  console.error(`report: no Allure results in ${results}: run the suite first (npm run conformance), or merge shards (npm run report:merge)`);
  process.exit(1);
}
console.log('Building reports');
// A fresh directory: files of an earlier report must not survive into this one.
rmSync(join(reports, 'allure'), { recursive: true, force: true });
step('allure', [allureCli, 'generate', results, '--output', join(reports, 'allure'), '--report-name', 'CEC Web Client Access conformance']);
const t = Date.now();
const coverage = buildCoverage(join(reports, 'exchanges'), join(reports, 'coverage'));
console.log(`  ${'coverage'.padEnd(10)} ${((Date.now() - t) / 1000).toFixed(1)} s (${coverage.exchanges} exchanges)\n${coverageTotals(coverage).replace(/^/gm, '    ')}`);
console.log(`Reports in ${((Date.now() - started) / 1000).toFixed(1)} s:\n  ${join(reports, 'html/index.html')}\n  ${join(reports, 'allure/index.html')}\n  ${join(reports, 'coverage/index.html')}\n  ${join(reports, 'junit.xml')}`);
