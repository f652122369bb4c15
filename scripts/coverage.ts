// npm run coverage: builds reports/coverage/{index.html,coverage.json} from reports/exchanges/*.jsonl.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readExchanges } from '../src/coverage/exchange.js';
import { measure } from '../src/coverage/measure.js';
import { renderCoverageHtml } from '../src/coverage/html.js';

const exchangesDir = process.argv[2] ?? 'reports/exchanges';
const outDir = process.argv[3] ?? 'reports/coverage';
const coverage = measure(readExchanges(exchangesDir));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/coverage.json`, `${JSON.stringify(coverage, null, 2)}\n`);
writeFileSync(`${outDir}/index.html`, renderCoverageHtml(coverage));
console.log(`Spec coverage from ${coverage.exchanges} exchanges → ${outDir}/index.html`);
for (const t of coverage.totals) console.log(`  ${t.level.padEnd(20)} ${String(t.covered).padStart(4)}/${String(t.total).padEnd(4)} ${t.percent}%`);
