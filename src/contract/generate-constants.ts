// npm run types (with openapi-typescript): writes src/contract/generated/result-codes.ts, the result codes each
// operation documents (x-result-codes), as named constants, and src/contract/generated/spec.json, the spec as JSON
// with the hash of its YAML (loading JSON instead of parsing YAML at each start). `--check` fails when either is
// stale (npm test).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { indexOperations, SPEC_JSON_PATH, SPEC_PATH, specHash, type Document } from './spec.js';

const OUT = fileURLToPath(new URL('./generated/result-codes.ts', import.meta.url));
/** The spec's YAML and its document, read when first needed (--help and a bad flag read nothing). */
let spec: { yaml: string; doc: Document } | undefined;
function readSpec(): { yaml: string; doc: Document } {
  if (!spec) {
    const yaml = readFileSync(SPEC_PATH, 'utf8');
    spec = { yaml, doc: parse(yaml) as Document };
  }
  return spec;
}

/** "feedbackContent can not be empty when feedback is 0" → feedbackContentCanNotBeEmptyWhenFeedbackIs0 */
const nameOf = (meaning: string): string => {
  const words = meaning.replace(/\(.*?\)/g, ' ').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(joined) ? `code${joined}` : joined;
};

export function render(): string {
  const lines = [
    '// Generated from openapi/cec-web-client.openapi.yaml (each operation\'s x-result-codes) by src/contract/generate-constants.ts.',
    '// Do not edit: change the spec and run `npm run types`.',
    '',
    'export const RESULT_CODES = {',
  ];
  for (const op of indexOperations(readSpec().doc).values()) {
    const entries = Object.entries(op.resultCodes);
    if (!entries.length) continue;
    const seen = new Map<string, number>();
    for (const [, meaning] of entries) seen.set(nameOf(meaning), (seen.get(nameOf(meaning)) ?? 0) + 1);
    lines.push(`  ${op.operationId}: {`);
    for (const [code, meaning] of entries) {
      const name = seen.get(nameOf(meaning))! > 1 ? `code${code.replace(/[^0-9A-Za-z]/g, '')}` : nameOf(meaning);
      lines.push(`    /** ${meaning} */`, `    ${name}: ${JSON.stringify(code)},`);
    }
    lines.push('  },');
  }
  lines.push('} as const;', '');
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // node:util.parseArgs directly: the contract layer imports nothing of the products (their command-line helper).
  const usage = `Usage: tsx src/contract/generate-constants.ts [--check]   (npm run types / npm run types:check)

Writes the result-code constants and the spec as JSON from the OpenAPI document.
  --check     write nothing; exit 1 when a generated file is stale
  -h, --help  this text; nothing is written
`;
  let values: { check?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const text = render();
  const { yaml, doc } = readSpec();
  const specJson = `${JSON.stringify({ yamlSha256: specHash(yaml), document: doc })}\n`;
  if (values.check) {
    const stale = [[OUT, text], [SPEC_JSON_PATH, specJson]].filter(([file, want]) => !existsSync(file) || readFileSync(file, 'utf8') !== want).map(([file]) => file);
    if (stale.length) {
      console.error(`stale: ${stale.join(', ')}: run npm run types`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, text);
    writeFileSync(SPEC_JSON_PATH, specJson);
  }
}
