// Observations and findings: the one format in which every part of the project reports what did not hold.
//
// An observation is one check that did not hold in one test (or one exchange of a client's traffic): which rule,
// where the documents state it, how strong it is, and whether it fails or warns. After a run, observations with the
// same signature are one finding (products/findings/): one root cause, however many tests met it.
import { createHash } from 'node:crypto';
import type { Strength } from './rules.js';

export type Verdict = 'fail' | 'warn';

/** The kind of check that did not hold. */
export type CheckKind =
  | 'server-error' // a 5xx
  | 'status' // a status the operation does not document
  | 'content-type' // not JSON where JSON is documented
  | 'json' // a body that does not parse
  | 'too-large' // beyond the read limit
  | 'schema' // the body breaks the operation's schema
  | 'accepts-invalid' // input the documents forbid was accepted
  | 'refuses-valid' // input the documents allow was refused
  | 'request' // a client's request breaks a rule (a client's traffic, src/tools/traffic/)
  | 'wrong-code' // refused, but not with the documented result code
  | 'business' // a documented business rule (delivery, isolation, lifetime, …)
  | 'unreachable' // no answer at all
  | 'error'; // a failure that no check explained

export interface Observation {
  /** The grouping key: one finding per signature. */
  signature: string;
  /** The rule's stable id in the inventory (src/contract/inventory.ts); absent only where no rule explains it. */
  ruleId?: string;
  verdict: Verdict;
  strength: Strength;
  operationId: string | null;
  check: CheckKind;
  /** Where in the exchange (JSON pointer: /body/…, /query/…, /header/…, /credential/…). */
  at?: string;
  keyword?: string;
  /** The rule, in words. */
  rule: string;
  /** Where the documents state it (seed file and table or section), or "facts" / "spec choice". */
  source: string;
  why?: string;
  /** What happened this time. */
  message: string;
  /** The exchange it happened on (masked): a one-line summary and a curl to repeat it. */
  exchange?: { method: string; url: string; status: number | null; curl?: string };
}

/** fail when the documents state the rule (or the strict profile makes every rule so), else warn. */
export const verdictOf = (strength: Strength, strict: boolean): Verdict => (strength === 'refuse' || strict ? 'fail' : 'warn');

/** The signature of an observation: operation, kind of check, and the pointer and keyword or the rule. */
export function signatureOf(o: Pick<Observation, 'operationId' | 'check' | 'at' | 'keyword' | 'rule'>): string {
  const where = o.at !== undefined ? `${o.at}${o.keyword ? ` ${o.keyword}` : ''}` : o.rule;
  return `${o.operationId ?? '-'} ${o.check} ${where}`.trim();
}

/** A finding's anchor on the findings page (reports/findings/index.html#<id>). */
export const findingId = (signature: string): string => `f-${createHash('sha256').update(signature).digest('hex').slice(0, 10)}`;

/** Test attachment name that carries one observation as JSON. */
export const OBSERVATION_ATTACHMENT = 'cec-observation';
/** Test attachment name that carries the ids of the rules whose checks held in the test (a JSON list). */
export const HELD_ATTACHMENT = 'cec-held';

/** One line a person reads: the verdict, what happened, the rule and its source. */
export function describeObservation(o: Observation): string {
  return `${o.verdict === 'fail' ? 'FAIL' : 'WARN'} ${o.operationId ?? ''}: ${o.message} — ${o.rule} (${o.source}${o.strength === 'guidance' ? ', guidance' : ''})`.replace(/ {2,}/g, ' ');
}
