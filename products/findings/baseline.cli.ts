// npm run baseline: writes the last run's findings (reports/findings.json, or CEC_REPORTS_DIR) into the known-findings
// baseline (conformance-baseline.yaml, or CEC_BASELINE), keeping the reason and expiry of entries already there.
//
//   npm run baseline                                   # every finding of the last run (fail and warn)
//   npm run baseline -- --reason="TENANT-123: poll omits downlinkMessages" --days=30 --only=fail
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { loadConfig } from '../../src/suite/config.js';
import { commandLine } from '../command-line/command-line.js';
import { readingReports, withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { updateBaseline } from './baseline.js';
import type { FindingsReport } from './model.js';

const USAGE = `Usage: npm run baseline [-- --reason=TEXT --days=N --only=fail|warn]

Writes the last run's findings (<reports>/findings.json) into the known-findings baseline (conformance-baseline.yaml,
or CEC_BASELINE), keeping the reason and expiry of the entries already there.

  --reason=TEXT  why the findings are accepted (a ticket, a note); say why
  --days=N       days until the new entries expire (default 30)
  --only=KIND    only the failures (fail) or only the warnings (warn)
  -h, --help     this text; no file is written
`;
const { values: args } = commandLine(USAGE, { reason: { type: 'string' }, days: { type: 'string' }, only: { type: 'string' } });
const usageError = (message: string): never => {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
};
if (args.days !== undefined && !/^[1-9][0-9]*$/.test(args.days)) usageError(`--days: "${args.days}" is not a whole number of days`);
if (args.only !== undefined && args.only !== 'fail' && args.only !== 'warn') usageError(`--only: "${args.only}" is neither fail nor warn`);

loadDotenv({ quiet: true });
const config = loadConfig(withEmbeddedMockCredentials(readingReports(process.env)));
const file = join(config.reportsDir, 'findings.json');
if (!existsSync(file)) {
  console.error(`${file} does not exist: run the suite first (npm run conformance).`);
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as FindingsReport;
const days = Number(args.days ?? 30);
const only = args.only;
const chosen = report.findings.filter((f) => !only || f.verdict === only);
const { added, kept } = updateBaseline(config.baselineFile, chosen, args.reason ?? 'accepted when the baseline was written; say why', days);
console.log(`${config.baselineFile}: ${added} finding(s) added, ${kept} kept${report.resolved.length ? `, ${report.resolved.length} resolved entr${report.resolved.length === 1 ? 'y' : 'ies'} removed` : ''}.`);
