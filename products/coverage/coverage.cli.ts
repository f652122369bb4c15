// npm run coverage [exchangesDir] [outDir]: builds reports/coverage/{index.html,coverage.json} from reports/exchanges/*.jsonl.
import { buildCoverage, coverageTotals } from './build.js';

const exchangesDir = process.argv[2] ?? 'reports/exchanges';
const outDir = process.argv[3] ?? 'reports/coverage';
const coverage = buildCoverage(exchangesDir, outDir);
console.log(`Spec coverage from ${coverage.exchanges} exchanges → ${outDir}/index.html\n${coverageTotals(coverage)}`);
