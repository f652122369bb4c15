// Builds <outDir>/{index.html,coverage.json} from the exchange records in <exchangesDir> (npm run coverage, npm run report).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readExchanges } from '../../src/contract/exchange.js';
import { readExploreCoverage, statesDir, summarizeExploreCoverage } from '../explore/coverage.js';
import { measure, type Coverage } from './measure.js';
import { renderCoverageHtml } from './html.js';

/**
 * `exploreStates`: the model-based exploration's state-and-transition files (default: <reports>/explore/states/ beside
 * the exchanges), shown as their own table when present.
 */
export function buildCoverage(exchangesDir: string, outDir: string, exploreStates = statesDir(dirname(exchangesDir))): Coverage {
  const coverage = measure(readExchanges(exchangesDir));
  const exploration = readExploreCoverage(exploreStates);
  if (exploration) coverage.exploration = { ...exploration, summary: summarizeExploreCoverage(exploration) };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'coverage.json'), `${JSON.stringify(coverage, null, 2)}\n`);
  writeFileSync(join(outDir, 'index.html'), renderCoverageHtml(coverage));
  return coverage;
}

/** The totals per level, one line each. */
export function coverageTotals(coverage: Coverage): string {
  return coverage.totals.map((t) => `  ${t.level.padEnd(20)} ${String(t.covered).padStart(4)}/${String(t.total).padEnd(4)} ${t.percent}%`).join('\n');
}
