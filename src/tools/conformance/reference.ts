// The committed reference of what a run against the embedded mock reaches (conformance-reference.json): for every
// rule reached there, its verdict and the tests that reached it. The statement reads it to tell "not reached" (a
// check exists, the situation did not arise here, and why) from "no check" (nothing can fail for it), and to list
// the rules a tenant run lost ("not reached on this tenant"). `npm run explain -- --write-reference` writes it from
// the last run's reports/conformance.json, which must be a run against the embedded mock (default profile).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ConformanceStatement } from './statement.js';

export interface ConformanceReference {
  made: { from: string; seed: string; at: string };
  rules: Record<string, { status: 'verified' | 'failed' | 'warned'; tests: string[] }>;
}

export const REFERENCE_FILE = 'conformance-reference.json';

export function readReference(file: string): ConformanceReference | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ConformanceReference;
  } catch (e) {
    throw new Error(`${file} is not JSON (${(e as Error).message}): write it again with npm run explain -- --write-reference`);
  }
}

/** The reference of a statement: the rules it reached, each with its tests (sorted, so the file diffs well). */
export function referenceOf(s: ConformanceStatement): ConformanceReference {
  const rules: ConformanceReference['rules'] = {};
  for (const r of [...s.rules].sort((a, b) => a.id.localeCompare(b.id))) {
    if (r.status === 'verified' || r.status === 'failed' || r.status === 'warned') rules[r.id] = { status: r.status, tests: [...r.tests].sort() };
  }
  return { made: { from: s.run.tenant, seed: s.run.seed, at: s.run.startedAt.slice(0, 10) }, rules };
}

export function writeReference(file: string, s: ConformanceStatement): number {
  const ref = referenceOf(s);
  writeFileSync(file, `${JSON.stringify(ref, null, 1)}\n`);
  return Object.keys(ref.rules).length;
}
