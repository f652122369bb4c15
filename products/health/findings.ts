// The findings of one health run: what is wrong tonight, one entry per signature (a stable name of the problem, so
// the same problem on two nights is recognised as the same). The history and the health page only ever call
// findingsOfRun(): it is the one place that decides where findings come from.
//
// - `<health run dir>/findings.json` (the findings reporter's output, format in the project's design notes:
//   `{ findings: [{ signature, verdict, status: 'new'|'known'|'resolved', operationId, tests, … }] }`) when present;
// - otherwise derived from the checks: each failed or unreachable check gives the signature of its failure reason
//   (reasonOf: the contract violation, else the error's first line), each warning annotation a `warn` finding, and a
//   run stopped before its checks (unreachable, misconfigured) one finding of its reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reasonOf, type HealthReport } from './classify.js';

export interface NightFinding {
  signature: string;
  verdict: 'fail' | 'warn';
  /** The checks (or tests) that met it tonight. */
  checks: string[];
  operationId?: string;
  /** The rule it breaks, in words, and where the documents state it (findings.json; budgets and certificates). */
  rule?: string;
  source?: string;
}

export interface RunFindings {
  source: 'findings.json' | 'derived';
  /** Tonight's findings (the baseline's known ones included). */
  findings: NightFinding[];
  /** Signatures of tonight's findings that the committed baseline marks as known. */
  known: string[];
}

/** The findings reporter's file (draft format; only the fields used here). */
interface FindingsFile {
  findings: Array<{ signature: string; verdict: 'fail' | 'warn'; status?: 'new' | 'known' | 'resolved'; operationId?: string; tests?: string[]; rule?: string; source?: string }>;
}

/**
 * Run-specific parts of a message (URLs' query strings, ids, long numbers) made constant,
 * so the same failure on two nights has one signature.
 */
export function normalizeSignature(line: string): string {
  return line
    .replace(/(https?:\/\/[^\s'"?]+)\?[^\s'"]*?(:?)(?=[\s'"]|$)/g, '$1?…$2')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b\d{7,}\b/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

const checkName = (c: { file: string; name: string }): string => `${c.file} › ${c.name}`;

function derived(report: HealthReport): RunFindings {
  const by = new Map<string, NightFinding>();
  const add = (signature: string, verdict: NightFinding['verdict'], check?: string): void => {
    const f = by.get(signature) ?? { signature, verdict, checks: [] };
    if (verdict === 'fail') f.verdict = 'fail';
    if (check && !f.checks.includes(check)) f.checks.push(check);
    by.set(signature, f);
  };
  for (const c of report.checks) {
    if (c.status === 'failed' || c.status === 'unreachable') {
      const reason = c.detail ? reasonOf(c.detail) : undefined;
      add(normalizeSignature(reason ?? `${c.status}: ${c.name}`), 'fail', checkName(c));
    }
    for (const w of c.warnings ?? []) add(normalizeSignature(w), 'warn', checkName(c));
  }
  const ran = report.checks.some((c) => c.status !== 'skipped');
  if (!ran && report.verdict !== 'healthy') add(normalizeSignature(`${report.verdict}: ${report.detail ? reasonOf(report.detail) ?? report.detail : 'no check ran'}`), 'fail');
  return { source: 'derived', findings: [...by.values()], known: [] };
}

function fromFile(file: string): RunFindings {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as FindingsFile;
  const tonight = parsed.findings.filter((f) => f.status !== 'resolved');
  return {
    source: 'findings.json',
    findings: tonight.map((f) => ({
      signature: f.signature, verdict: f.verdict, checks: f.tests ?? [], ...(f.operationId ? { operationId: f.operationId } : {}),
      ...(f.rule ? { rule: f.rule } : {}), ...(f.source ? { source: f.source } : {}),
    })),
    known: tonight.filter((f) => f.status === 'known').map((f) => f.signature),
  };
}

/** Tonight's findings: the run's findings.json when the run wrote one, else derived from its checks. */
export function findingsOfRun(runDir: string, report: HealthReport): RunFindings {
  const file = join(runDir, 'findings.json');
  return existsSync(file) ? fromFile(file) : derived(report);
}
