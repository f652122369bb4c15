// npm run report: the Allure HTML report (offline, allure npm package) and the spec coverage page, from what the
// last conformance run left under reports/ (or CEC_REPORTS_DIR).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const reports = process.env.CEC_REPORTS_DIR ?? 'reports';
const results = join(reports, 'allure-results');
const started = Date.now();

function step(name: string, command: string, args: string[]): void {
  const t = Date.now();
  const r = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    console.error(`report: ${name} failed (exit ${r.status})`);
    process.exit(1);
  }
  console.log(`  ${name.padEnd(10)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

if (!existsSync(results) || readdirSync(results).length === 0) {
  console.error(`report: no Allure results in ${results}: run the suite first (npm run conformance)`);
  process.exit(1);
}
console.log('Building reports');
step('allure', 'npx', ['allure', 'generate', results, '--output', join(reports, 'allure')]);
step('coverage', 'npx', ['tsx', 'scripts/coverage.ts', join(reports, 'exchanges'), join(reports, 'coverage')]);
console.log(`Reports in ${((Date.now() - started) / 1000).toFixed(1)} s:\n  ${join(reports, 'html/index.html')}\n  ${join(reports, 'allure/index.html')}\n  ${join(reports, 'coverage/index.html')}\n  ${join(reports, 'junit.xml')}`);
