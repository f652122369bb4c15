// npm run coverage [exchangesDir] [outDir]: builds reports/coverage/{index.html,coverage.json} from reports/exchanges/*.jsonl.
import { buildCoverage, coverageTotals } from './build.js';
import { commandLine } from '../command-line/command-line.js';

const USAGE = `Usage: npm run coverage [-- EXCHANGES_DIR [OUT_DIR]]

The spec coverage page (OUT_DIR/index.html, coverage.json) from a run's exchange records (*.jsonl).
  EXCHANGES_DIR  default reports/exchanges
  OUT_DIR        default reports/coverage
  -h, --help     this text; nothing is written
`;
const { positionals } = commandLine(USAGE, {}, 2);
const exchangesDir = positionals[0] ?? 'reports/exchanges';
const outDir = positionals[1] ?? 'reports/coverage';
const coverage = buildCoverage(exchangesDir, outDir);
console.log(`Spec coverage from ${coverage.exchanges} exchanges → ${outDir}/index.html\n${coverageTotals(coverage)}`);
