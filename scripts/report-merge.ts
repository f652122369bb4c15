// npm run report:merge: merges the shards' blob reports (reports/blob/*.zip, from
// `CEC_SHARD_BLOB=1 npx playwright test --shard=i/n`) into one HTML, JUnit and Allure report, then builds the Allure
// HTML and the coverage page (the shards' exchange records are read together from reports/exchanges).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = process.env.CEC_REPORTS_DIR ?? 'reports';
const blobs = join(reports, 'blob');
if (!existsSync(blobs) || !readdirSync(blobs).some((f) => f.endsWith('.zip'))) {
  console.error(`report:merge: no blob reports in ${blobs}: run the shards with CEC_SHARD_BLOB=1 first`);
  process.exit(1);
}
rmSync(join(reports, 'allure-results'), { recursive: true, force: true });
const merge = spawnSync('npx', ['playwright', 'merge-reports', '--config', 'merge.config.ts', blobs], { stdio: 'inherit' });
if (merge.status !== 0) process.exit(merge.status ?? 1);
const report = spawnSync('npx', ['tsx', 'scripts/report.ts'], { stdio: 'inherit' });
process.exit(report.status ?? 1);
