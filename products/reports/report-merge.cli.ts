// npm run report:merge: merges the blob reports of a sharded run (`CEC_SHARD_BLOB=1 npx playwright test --shard=i/n`)
// into one Playwright HTML report, one JUnit file and one set of Allure results (merge.config.ts), then builds the
// Allure HTML and the spec coverage page from all shards (npm run report).
//
// Where the shards are, under reports/ (or CEC_REPORTS_DIR):
// - CI: each shard's reports/blob/*.zip and reports/exchanges/*.jsonl downloaded into reports/blob and
//   reports/exchanges (.github/workflows/conformance.yml);
// - locally: each shard run with its own CEC_REPORTS_DIR=reports/shard-<i>; their blob and exchange records are
//   gathered here into reports/blob and reports/exchanges first (which they then replace), and the exploration's
//   states (reports/shard-<i>/explore/states/) into reports/explore/states/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/suite/config.js';
import { statesDir } from '../explore/coverage.js';

const raw = process.env.CEC_REPORTS_DIR?.trim() || 'reports';
const reports = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
const blobs = join(reports, 'blob');
const exchanges = join(reports, 'exchanges');
const files = (dir: string, ext: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort() : []);

const shardDirs = existsSync(reports) ? readdirSync(reports).filter((d) => /^shard-/.test(d) && existsSync(join(reports, d, 'blob'))).sort() : [];
if (shardDirs.length) {
  rmSync(blobs, { recursive: true, force: true });
  rmSync(exchanges, { recursive: true, force: true });
  mkdirSync(blobs, { recursive: true });
  mkdirSync(exchanges, { recursive: true });
  for (const d of shardDirs) {
    for (const f of files(join(reports, d, 'blob'), '.zip')) copyFileSync(join(reports, d, 'blob', f), join(blobs, `${d}-${f}`));
    for (const f of files(join(reports, d, 'exchanges'), '.jsonl')) copyFileSync(join(reports, d, 'exchanges', f), join(exchanges, `${d}-${f}`));
    // The exploration's states and transitions, from the shard that ran it (the coverage page sums the files).
    for (const f of files(statesDir(join(reports, d)), '.json')) {
      mkdirSync(statesDir(reports), { recursive: true });
      copyFileSync(join(statesDir(join(reports, d)), f), join(statesDir(reports), `${d}-${f}`));
    }
  }
  console.log(`report:merge: gathered the blob reports, exchange records and exploration states of ${shardDirs.join(', ')}`);
}
const zips = files(blobs, '.zip');
if (!zips.length) {
  console.error(`report:merge: no blob reports in ${blobs}: run the shards with CEC_SHARD_BLOB=1 first (see README, "Sharding")`);
  process.exit(1);
}
console.log(`report:merge: merging ${zips.length} blob report(s): ${zips.join(', ')}`);
rmSync(join(reports, 'allure-results'), { recursive: true, force: true });
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const merge = spawnSync(process.execPath, [cli, 'merge-reports', '--config', join(PROJECT_ROOT, 'merge.config.ts'), blobs], {
  cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, CEC_REPORTS_DIR: reports },
});
if (merge.status !== 0) process.exit(merge.status ?? 1);
const report = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'products', 'reports', 'report.cli.ts')], {
  cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, CEC_REPORTS_DIR: reports },
});
process.exit(report.status ?? 1);
