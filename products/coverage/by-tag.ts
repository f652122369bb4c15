// Which operationIds the conformance suite covers with which tag, from the suite's own listing
// (`npx playwright test --list --reporter=json`): every operationId of the spec must appear, as an `operationId`
// annotation, in at least one @contract and one @negative test (CLI: products/coverage/operation-coverage-by-tag.cli.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { operations } from '../../src/contract/contract.js';

/** Tags every operationId needs at least one test of. */
export const REQUIRED_TAGS = ['@contract', '@negative'] as const;

interface ListedTest { annotations?: Array<{ type: string; description?: string }> }
interface ListedSpec { title: string; file: string; tags?: string[]; tests?: ListedTest[] }
interface ListedSuite { title?: string; specs?: ListedSpec[]; suites?: ListedSuite[] }
export interface ListReport { suites?: ListedSuite[]; errors?: Array<{ message?: string }> }

export interface ListedCase {
  title: string;
  file: string;
  /** With the leading @. */
  tags: string[];
  operationIds: string[];
}

/** Every test case of a JSON list report (a spec listed once per project counts once). */
export function casesOf(report: ListReport): ListedCase[] {
  const out = new Map<string, ListedCase>();
  const walk = (suite: ListedSuite): void => {
    for (const spec of suite.specs ?? []) {
      const tags = (spec.tags ?? []).map((t) => (t.startsWith('@') ? t : `@${t}`));
      const operationIds = [...new Set((spec.tests ?? []).flatMap((t) => (t.annotations ?? []).filter((a) => a.type === 'operationId' && a.description).map((a) => a.description!)))];
      out.set(`${spec.file}::${spec.title}`, { title: spec.title, file: spec.file, tags, operationIds });
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of report.suites ?? []) walk(s);
  return [...out.values()];
}

export interface OperationRow {
  operationId: string;
  /** Number of tests per tag that name this operationId. */
  byTag: Record<string, number>;
  missing: string[];
}

export interface CoverageByTag {
  operations: OperationRow[];
  /** Number of tests per tag, over the whole suite. */
  tagCounts: Record<string, number>;
  total: number;
  /** operationId annotations that name no operation of the spec (typos). */
  unknownOperationIds: string[];
  ok: boolean;
}

export function coverageByTag(cases: ListedCase[], operationIds: string[] = [...operations().keys()], required: readonly string[] = REQUIRED_TAGS): CoverageByTag {
  const tagCounts: Record<string, number> = {};
  for (const c of cases) for (const t of c.tags) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
  const rows = operationIds.map((operationId) => {
    const byTag: Record<string, number> = {};
    for (const c of cases.filter((x) => x.operationIds.includes(operationId))) for (const t of c.tags) byTag[t] = (byTag[t] ?? 0) + 1;
    return { operationId, byTag, missing: required.filter((t) => !byTag[t]) };
  });
  const known = new Set(operationIds);
  const unknownOperationIds = [...new Set(cases.flatMap((c) => c.operationIds).filter((id) => !known.has(id)))];
  return { operations: rows, tagCounts, total: cases.length, unknownOperationIds, ok: rows.every((r) => r.missing.length === 0) && unknownOperationIds.length === 0 };
}

/** Lists the suite (no test runs, no mock started) and parses the JSON report. */
export function listSuite(env: NodeJS.ProcessEnv = process.env, cwd = fileURLToPath(new URL('../..', import.meta.url))): ListReport {
  // Listing contacts no one: without a tenant it lists as against the mock (CI=true would otherwise mean a tenant).
  // The JSON report goes to stdout, where it is read: not to a file a caller's PLAYWRIGHT_JSON_OUTPUT_NAME names.
  const { PLAYWRIGHT_JSON_OUTPUT_NAME: _toFile, ...rest } = env;
  const listEnv = rest.CEC_BASE_URL?.trim() ? rest : { ...rest, CEC_TARGET: 'mock' };
  const r = spawnSync('npx', ['playwright', 'test', '--list', '--reporter=json'], { cwd, env: listEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`playwright test --list failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  const start = r.stdout.indexOf('{');
  const report = JSON.parse(r.stdout.slice(start)) as ListReport;
  if (report.errors?.length) throw new Error(`the suite does not load:\n${report.errors.map((e) => e.message).join('\n')}`);
  return report;
}

export function formatTable(c: CoverageByTag): string {
  const tags = Object.keys(c.tagCounts).sort();
  const width = Math.max(...c.operations.map((r) => r.operationId.length), 'operationId'.length);
  const head = `${'operationId'.padEnd(width)}  ${tags.map((t) => t.padStart(Math.max(t.length, 4))).join('  ')}`;
  const lines = c.operations.map((r) => `${r.operationId.padEnd(width)}  ${tags.map((t) => String(r.byTag[t] ?? 0).padStart(Math.max(t.length, 4))).join('  ')}${r.missing.length ? `   MISSING ${r.missing.join(', ')}` : ''}`);
  const totals = `${'tests per tag'.padEnd(width)}  ${tags.map((t) => String(c.tagCounts[t]).padStart(Math.max(t.length, 4))).join('  ')}`;
  const tail = [`${c.total} tests listed.`];
  if (c.unknownOperationIds.length) tail.push(`Unknown operationId annotations: ${c.unknownOperationIds.join(', ')}`);
  tail.push(c.ok ? `Every operationId has a test tagged ${REQUIRED_TAGS.join(' and ')}.` : 'Coverage by tag is INCOMPLETE.');
  return [head, ...lines, totals, '', ...tail].join('\n');
}
