// From the tests' outcomes to the findings report: grouped, classified against the baseline, ordered, with the
// gate's verdict. A run passes the gate when no finding that fails is new (known findings and warnings never fail
// it; CEC_STRICT=1 made warnings failures already).
import type { CheckKind } from '../../src/contract/findings.js';
import { classify } from './baseline.js';
import { countOf, errorSignature, groupFindings, type BaselineEntry, type Finding, type FindingsReport, type TestOutcome } from './model.js';

export type RunInfo = FindingsReport['run'];

const order = (f: Finding): number => (f.verdict === 'fail' ? 0 : 2) + (f.status === 'known' ? 1 : 0);

export function buildReport(tests: readonly TestOutcome[], baseline: readonly BaselineEntry[], run: RunInfo, globalErrors: readonly string[] = [], today = new Date().toISOString().slice(0, 10), stopped?: string, disabled: Record<string, string> = {}): FindingsReport {
  // An error outside every test (global setup: the tenant unreachable or down, the AK/SK refused) is a finding too.
  const stoppers = globalErrors.map((message): TestOutcome => {
    const kind: CheckKind = /unreachable|TenantDownError|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|Timeout \d+ms/i.test(message) ? 'unreachable' : 'error';
    const rule = kind === 'unreachable' ? 'the tenant answers' : 'the run starts';
    const observation = { signature: `- ${kind} ${errorSignature(message)}`, verdict: 'fail' as const, strength: 'refuse' as const, operationId: null, check: kind, rule, source: 'global setup (fixtures/global-setup.ts)', message: message.slice(0, 400) };
    return { name: '(global setup)', status: 'failed', observations: [observation], errors: [message], operationIds: [] };
  });
  const classified = classify(groupFindings([...tests, ...stoppers]), baseline, today);
  const resolved = classified.resolved;
  // A rule switched off by id (CEC_SKIP_RULES) is known, with its reason: shown, never silently dropped.
  const findings = classified.findings.map((f) => (f.ruleId && disabled[f.ruleId] !== undefined
    ? { ...f, status: 'known' as const, baseline: { signature: f.signature, reason: `rule disabled (CEC_SKIP_RULES): ${disabled[f.ruleId]}`, expires: '9999-12-31' } } : f));
  findings.sort((a, b) => order(a) - order(b) || b.count - a.count || a.signature.localeCompare(b.signature));
  const blocking = findings.filter((f) => f.verdict === 'fail' && f.status !== 'known');
  const counts = {
    tests: tests.length,
    passed: tests.filter((t) => t.status === 'passed').length,
    failed: tests.filter((t) => t.status === 'failed' || t.status === 'timedOut' || t.status === 'interrupted').length,
    skipped: tests.filter((t) => t.status === 'skipped').length,
    warned: tests.filter((t) => t.observations.some((o) => o.verdict === 'warn')).length,
    fail: findings.filter((f) => f.verdict === 'fail').length,
    warn: findings.filter((f) => f.verdict === 'warn').length,
    known: findings.filter((f) => f.status === 'known').length,
    expired: findings.filter((f) => f.status === 'expired').length,
    resolved: resolved.length,
  };
  const gate = globalErrors.length
    ? { passed: false, reason: 'the run stopped before its tests (see globalErrors)' }
    : blocking.length
      ? { passed: false, reason: `${blocking.length} finding(s) fail and are not in the baseline` }
      : { passed: true, reason: counts.fail ? `every failing finding is known (${counts.known})` : 'no finding fails' };
  return { run, counts, findings, resolved, globalErrors: [...globalErrors], gate, ...(stopped ? { stopped } : {}) };
}

/** The end of the terminal output: the findings, one per root cause, each with its rule and source. */
export function summarize(r: FindingsReport, pagePath: string, width = 110): string {
  const c = r.counts;
  const lines = [
    '',
    `Findings: ${c.fail} fail${c.known ? ` (${c.known} known)` : ''}, ${c.warn} warn${c.resolved ? `, ${c.resolved} baseline entr${c.resolved === 1 ? 'y' : 'ies'} resolved` : ''} — ${c.failed} of ${countOf(r, c.tests)} failed, ${c.warned} passed with warnings`,
  ];
  const cut = (s: string): string => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  for (const f of r.findings.slice(0, 25)) {
    const mark = f.verdict === 'fail' ? (f.status === 'known' ? 'KNOWN' : 'FAIL ') : 'WARN ';
    lines.push(cut(`  ${mark} ${f.signature} — ${countOf(r, f.count)}${f.status === 'expired' ? ', baseline entry expired' : ''}`));
    lines.push(cut(`        rule: ${f.ruleId ?? 'unexplained'} — ${f.rule}`));
    lines.push(cut(`        source: ${f.source}${f.strength === 'guidance' ? ' (guidance)' : ''}`));
  }
  if (r.findings.length > 25) lines.push(`  … and ${r.findings.length - 25} more`);
  for (const e of r.resolved) lines.push(`  RESOLVED ${e.signature} (baseline: ${e.reason}): remove it from the baseline`.slice(0, width));
  if (r.stopped) lines.push(`  ${r.stopped}.`);
  lines.push(`  Gate: ${r.gate.passed ? 'passed' : 'FAILED'} (${r.gate.reason}). Details: ${pagePath}`);
  return lines.join('\n');
}
