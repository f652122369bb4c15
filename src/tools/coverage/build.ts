// Builds <outDir>/{index.html,coverage.json} from the exchange records in <exchangesDir> (npm run coverage, npm run report).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExchanges } from '../../contract/exchange.js';
import { measure, type Coverage } from './measure.js';
import { renderCoverageHtml } from './html.js';

export function buildCoverage(exchangesDir: string, outDir: string): Coverage {
  const coverage = measure(readExchanges(exchangesDir));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'coverage.json'), `${JSON.stringify(coverage, null, 2)}\n`);
  writeFileSync(join(outDir, 'index.html'), renderCoverageHtml(coverage));
  return coverage;
}

/** The totals per level, one line each. */
export function coverageTotals(coverage: Coverage): string {
  return coverage.totals.map((t) => `  ${t.level.padEnd(20)} ${String(t.covered).padStart(4)}/${String(t.total).padEnd(4)} ${t.percent}%`).join('\n');
}
