// Which operationIds the conformance suite covers with which tag (products/coverage/by-tag.ts); exit 1 with the gaps.
//
//   npx tsx products/coverage/operation-coverage-by-tag.cli.ts          table, per operationId and tag
//   npx tsx products/coverage/operation-coverage-by-tag.cli.ts --json   the same as JSON
import { casesOf, coverageByTag, formatTable, listSuite } from './by-tag.js';

const coverage = coverageByTag(casesOf(listSuite()));
console.log(process.argv.includes('--json') ? JSON.stringify(coverage, null, 2) : formatTable(coverage));
process.exitCode = coverage.ok ? 0 : 1;
