// The committed reference of what a run against the embedded mock reaches (conformance-reference.json): for every
// rule reached there, its verdict and the tests that reached it. The statement reads it to tell "not reached" (a
// check exists, the situation did not arise here, and why) from "no check" (nothing can fail for it), and to list
// the rules a tenant run lost ("not reached on this tenant"). `npm run explain -- --write-reference` writes it from
// the last run's reports/conformance.json, which must be a run against the embedded mock (default profile).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ConformanceReference, ConformanceStatement } from './statement.js';

export type { ConformanceReference };

/** On disk the test names are listed once and the rules name them by index (the file stays small). */
interface StoredReference {
  made: ConformanceReference['made'];
  tests: string[];
  rules: Record<string, [ConformanceReference['rules'][string]['status'], ...number[]]>;
}

/** How many tests the reference keeps per rule: enough to tell why a rule was not reached. */
const TESTS_PER_RULE = 4;

export const REFERENCE_FILE = 'conformance-reference.json';

export function readReference(file: string): ConformanceReference | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredReference;
    const rules: ConformanceReference['rules'] = {};
    for (const [id, [status, ...tests]] of Object.entries(stored.rules)) rules[id] = { status, tests: tests.map((i) => stored.tests[i]) };
    return { made: stored.made, rules };
  } catch (e) {
    throw new Error(`${file} is not JSON (${(e as Error).message}): write it again with npm run explain -- --write-reference`);
  }
}

/** The reference of a statement: the rules it reached, each with its tests (sorted, so the file diffs well). */
export function referenceOf(s: ConformanceStatement): ConformanceReference {
  const rules: ConformanceReference['rules'] = {};
  for (const r of [...s.rules].sort((a, b) => a.id.localeCompare(b.id))) {
    if (r.status === 'verified' || r.status === 'failed' || r.status === 'warned') rules[r.id] = { status: r.status, tests: [...r.tests].sort().slice(0, TESTS_PER_RULE) };
  }
  return { made: { from: s.run.tenant, seed: s.run.seed, at: s.run.startedAt.slice(0, 10) }, rules };
}

export function writeReference(file: string, s: ConformanceStatement): number {
  const ref = referenceOf(s);
  const tests = [...new Set(Object.values(ref.rules).flatMap((r) => r.tests))].sort();
  const index = new Map(tests.map((t, i) => [t, i]));
  const rules = Object.fromEntries(Object.entries(ref.rules).map(([id, r]) => [id, [r.status, ...r.tests.map((t) => index.get(t)!)]]));
  // One rule a line: a new reference diffs rule by rule.
  const lines = Object.entries(rules).map(([id, v]) => `  ${JSON.stringify(id)}: ${JSON.stringify(v)}`);
  writeFileSync(file, `{\n "made": ${JSON.stringify(ref.made)},\n "tests": ${JSON.stringify(tests, null, 2).replace(/\n/g, '\n ')},\n "rules": {\n${lines.join(',\n')}\n }\n}\n`);
  return Object.keys(ref.rules).length;
}
