// npm run explain -- <rule id>: one rule of the inventory: what it says, its source sentence, its strength, the checks
// and tests that can fail for it, and its verdict in the last run (reports/conformance.json) — the way `st explain`
// tells a Schemathesis failure code.
//
//   npm run explain -- poll.delivered-once
//   npm run explain -- --list [--status=no-check] [--strength=refuse]   # ids (with the last run's verdict)
//   npm run explain -- --write-reference   # the last run (against the embedded mock) becomes conformance-reference.json
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { contract } from '../../src/contract/contract.js';
import { inventoryOf } from '../../src/contract/inventory.js';
import { loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { readReference, REFERENCE_FILE, writeReference } from './reference.js';
import type { ConformanceStatement } from './statement.js';

const USAGE = `usage: npm run explain -- <rule id>
       npm run explain -- --list [--status=<verified|failed|warned|not-reached|no-check|not-applicable|disabled>] [--strength=refuse|guidance]
       npm run explain -- --write-reference

  <rule id>           prints the rule, its source, its strength, the checks and tests that can fail for it, and its
                      verdict in the last run (reports/conformance.json, or CEC_REPORTS_DIR)
  --list              every rule id of the inventory, with the last run's verdict
  --write-reference   writes the last run's statement as ${REFERENCE_FILE} (run the suite against the embedded
                      mock first, default profile: npm run conformance)
  --help              this text`;

loadDotenv({ quiet: true });
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean' }, list: { type: 'boolean' }, status: { type: 'string' }, strength: { type: 'string' }, 'write-reference': { type: 'boolean' } },
  });
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help || (!values.list && !values['write-reference'] && positionals.length !== 1)) {
  (values.help ? console.log : console.error)(USAGE);
  process.exit(values.help ? 0 : 2);
}

const config = loadConfig(withEmbeddedMockCredentials(process.env));
const statementFile = join(config.reportsDir, 'conformance.json');
const statement = existsSync(statementFile) ? JSON.parse(readFileSync(statementFile, 'utf8')) as ConformanceStatement : undefined;
const referenceFile = join(PROJECT_ROOT, REFERENCE_FILE);

if (values['write-reference']) {
  if (!statement) {
    console.error(`${statementFile} does not exist: run the suite against the embedded mock first (npm run conformance).`);
    process.exit(2);
  }
  if (statement.run.target !== 'mock') {
    console.error(`the last run was against ${statement.run.tenant}, not the embedded mock: the reference is what the mock reaches.`);
    process.exit(2);
  }
  const n = writeReference(referenceFile, statement);
  console.log(`${REFERENCE_FILE}: ${n} rules reached by the run of ${statement.run.startedAt} (seed ${statement.run.seed}).`);
  process.exit(0);
}

const inventory = inventoryOf(contract());
const verdictOf = new Map((statement?.rules ?? []).map((r) => [r.id, r]));

if (values.list) {
  for (const r of inventory.rules) {
    const v = verdictOf.get(r.id);
    if (values.strength && r.strength !== values.strength) continue;
    if (values.status && v?.status !== values.status) continue;
    console.log(`${r.id}\t${r.strength}\t${v ? v.status : '(no run)'}`);
  }
  process.exit(0);
}

const id = positionals[0];
const rule = inventory.get(id);
if (!rule) {
  const near = inventory.rules.filter((r) => r.id.includes(id) || id.includes(r.id.split('.').slice(0, 2).join('.'))).slice(0, 8).map((r) => `  ${r.id}`);
  console.error(`no rule "${id}" in the inventory${near.length ? `; did you mean:\n${near.join('\n')}` : ' (npm run explain -- --list names them)'}`);
  process.exit(2);
}
const v = verdictOf.get(id);
const ref = readReference(referenceFile)?.rules[id];
const lines = [
  `${rule.id}  (${rule.strength}${rule.strength === 'refuse' ? ': a tenant that breaks it fails' : ': a warning, never a failure'})`,
  `  rule:      ${rule.rule}`,
  `  operation: ${rule.operationId ?? '(every exchange)'}`,
  `  source:    ${rule.source}`,
  ...(rule.sentence ? [`  sentence:  "${rule.sentence}"`] : []),
  ...(rule.why ? [`  why:       ${rule.why}`] : []),
  `  from:      the ${rule.origin === 'spec' ? "spec's rule table (x-rule)" : rule.origin === 'exchange' ? "spec's root x-rule (exchange rules)" : rule.origin === 'business' ? 'business rules (src/contract/business-rules.ts)' : rule.origin === 'model' ? "exploration's model rules (src/contract/model-rules.ts)" : 'prose of the documents (src/contract/prose-rules.ts)'}`,
  `  checks:    ${rule.checks.join(', ')}`,
  `  tests that can fail for it: ${[...new Set([...(v?.tests ?? []), ...(ref?.tests ?? [])])].map((t) => `\n    ${t}`).join('') || '(none known: run the suite)'}`,
  `  last run:  ${v ? `${v.status}${v.reason ? ` — ${v.reason}` : ''}${statement ? ` (${statement.run.tenant}, ${statement.run.startedAt})` : ''}` : `no verdict (${statement ? 'not in the last statement' : `${statementFile} does not exist`})`}`,
  ...(v?.findings.length ? [`  findings:  ${v.findings.map((f) => `reports/findings/index.html#${f}`).join(', ')}`] : []),
  ...(ref ? [`  on the embedded mock: ${ref.status}`] : []),
];
console.log(lines.join('\n'));
