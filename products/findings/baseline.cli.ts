// npm run baseline: writes the last run's findings (reports/findings.json, or CEC_REPORTS_DIR) into the known-findings
// baseline (conformance-baseline.yaml, or CEC_BASELINE), keeping the reason and expiry of entries already there.
//
//   npm run baseline                                   # every finding of the last run (fail and warn)
//   npm run baseline -- --reason="TENANT-123: poll omits downlinkMessages" --days=30 --only=fail
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { loadConfig } from '../../src/suite/config.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { updateBaseline } from './baseline.js';
import type { FindingsReport } from './model.js';

loadDotenv({ quiet: true });
const args = new Map(process.argv.slice(2).map((a) => {
  const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
  if (!m) {
    console.error(`unexpected argument "${a}"; flags: --reason=… --days=N --only=fail|warn`);
    process.exit(2);
  }
  return [m[1], m[2] ?? 'true'] as const;
}));
const config = loadConfig(withEmbeddedMockCredentials(process.env));
const file = join(config.reportsDir, 'findings.json');
if (!existsSync(file)) {
  console.error(`${file} does not exist: run the suite first (npm run conformance).`);
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as FindingsReport;
const days = Number(args.get('days') ?? 30);
const only = args.get('only');
const chosen = report.findings.filter((f) => !only || f.verdict === only);
const { added, kept } = updateBaseline(config.baselineFile, chosen, args.get('reason') ?? 'accepted when the baseline was written; say why', days);
console.log(`${config.baselineFile}: ${added} finding(s) added, ${kept} kept${report.resolved.length ? `, ${report.resolved.length} resolved entr${report.resolved.length === 1 ? 'y' : 'ies'} removed` : ''}.`);
