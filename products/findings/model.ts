// Findings: the observations of a run grouped by signature, one per root cause, with the tests that met each.
// The format of reports/findings.json, read by the findings page, the health check and the baseline command.
import { findingId, type Observation } from '../../src/contract/findings.js';

/** How a finding stands against the baseline of accepted findings. */
export type BaselineStatus = 'new' | 'known' | 'expired';

/** All the observations of one signature: the first one's rule and message, every test that met it. */
export interface Finding extends Omit<Observation, 'exchange'> {
  /** Anchor on the findings page. */
  id: string;
  status: BaselineStatus;
  /** How many tests met it, and their names. */
  count: number;
  tests: string[];
  firstExchange?: Observation['exchange'];
  /** The baseline entry that makes it known (or made it known, when expired). */
  baseline?: BaselineEntry;
}

export interface BaselineEntry {
  signature: string;
  /** The rule's id in the inventory (informational: the signature matches). */
  rule?: string;
  reason: string;
  /** ISO date (YYYY-MM-DD) after which the entry no longer holds. */
  expires: string;
}

/** One test of a run, or one exchange of a traffic check (products/traffic/). */
export interface TestOutcome {
  /** file › describe › title (a traffic check: #index METHOD path) */
  name: string;
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  observations: Observation[];
  /** The first lines of each error, ANSI stripped. */
  errors: string[];
  operationIds: string[];
  /** The ids of the rules whose checks held in the test (the conformance statement's "verified"). */
  held?: string[];
  /** Why the test was skipped, when it was. */
  skipReason?: string;
}

/** "tests", "exchange": the name of `n` of what the report's tests are. */
export const unitOf = (r: Pick<FindingsReport, 'run'>, n: number): string => `${r.run.unit ?? 'test'}${n === 1 ? '' : 's'}`;
/** "3 tests", "1 exchange". */
export const countOf = (r: Pick<FindingsReport, 'run'>, n: number): string => `${n} ${unitOf(r, n)}`;

export interface FindingsReport {
  /** `unit`: what each of the report's "tests" is, when it is not a test (a traffic check's exchanges). */
  run: { startedAt: string; durationMs: number; tenant: string; seed: string; strict: boolean; baselineFile: string; unit?: 'exchange' };
  counts: { tests: number; passed: number; failed: number; skipped: number; warned: number; fail: number; warn: number; known: number; expired: number; resolved: number };
  /** Fails first, new before known, most tests first. */
  findings: Finding[];
  /** Baseline entries no finding of this run matched: the tenant no longer does that; the entry can go. */
  resolved: BaselineEntry[];
  /** Errors outside any test (global setup: unreachable tenant, refused credentials, …). */
  globalErrors: string[];
  /** Why tests were not run, when some were not (the smoke gate, the run's deadline). */
  stopped?: string;
  gate: { passed: boolean; reason: string };
}


const ANSI = /\u001b\[[0-9;]*m/g;
/** An error's first meaningful line, with the parts that change from run to run (numbers, ids, quoted values) blanked. */
export function errorSignature(error: string): string {
  const line = error.replace(ANSI, '').split('\n').map((l) => l.trim()).find((l) => l && !/^at /.test(l)) ?? 'unknown error';
  return line.replace(/^Error: /, '').replace(/https?:\/\/\S+/g, '<url>').replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'")
    .replace(/\b[0-9a-f]{8}-[0-9a-f-]{27,}\b/gi, '<id>').replace(/\d+/g, 'N').slice(0, 160);
}

/** Groups the observations of the tests into findings; a failed test that no failing observation explains is one too. */
export function groupFindings(tests: readonly TestOutcome[]): Omit<Finding, 'status' | 'baseline'>[] {
  const bySig = new Map<string, Omit<Finding, 'status' | 'baseline'>>();
  // A failure is one finding per rule and what was observed (the signature); a warning one per rule and kind of check,
  // however many ways it was seen (the first one's signature names it).
  const keyOf = (o: Observation): string => (o.verdict === 'warn' && o.ruleId ? `warn ${o.ruleId} ${o.check}` : o.signature);
  const add = (o: Observation, test: string): void => {
    let f = bySig.get(keyOf(o));
    if (!f) {
      f = {
        signature: o.signature, ...(o.ruleId ? { ruleId: o.ruleId } : {}), id: findingId(o.signature), verdict: o.verdict, strength: o.strength, operationId: o.operationId, check: o.check,
        ...(o.at !== undefined ? { at: o.at } : {}), ...(o.keyword !== undefined ? { keyword: o.keyword } : {}),
        rule: o.rule, source: o.source, ...(o.why ? { why: o.why } : {}), message: o.message, count: 0, tests: [], ...(o.exchange ? { firstExchange: o.exchange } : {}),
      };
      bySig.set(keyOf(o), f);
    }
    if (o.verdict === 'fail') f.verdict = 'fail';
    if (!f.tests.includes(test)) {
      f.tests.push(test);
      f.count++;
    }
  };
  for (const t of tests) {
    for (const o of t.observations) add(o, t.name);
    const failed = t.status === 'failed' || t.status === 'timedOut';
    // A failure the checks explained is that check's finding; the test's later errors are its consequences.
    if (failed && !t.observations.some((o) => o.verdict === 'fail')) {
      // No rule of the inventory explains it: "unexplained", with the step and the answer the error names; never a
      // rule named after the test's subject.
      const message = t.errors[0] ?? `the test ${t.status === 'timedOut' ? 'timed out' : 'failed'}`;
      const rule = `unexplained: ${errorSignature(message)}`;
      add({ signature: `unexplained ${errorSignature(message)}`, verdict: 'fail', strength: 'refuse', operationId: null, check: 'error', rule, source: 'no rule of the inventory explains it (the step and the answer are in the message)', message: message.slice(0, 400) }, t.name);
    }
  }
  return [...bySig.values()];
}
