// The one place every check of the exploration reports to: `violation()`. A refuse-level surprise (closed set,
// bound, mandatory field, error code, delivery guarantee, any 5xx) is a failure and stops the run (fast-check then
// shrinks the sequence); a guidance-level one (an example value, a fact from outside the four documents, a choice
// of the spec) is a warning, collected and printed, never a failure (CEC_STRICT=1 makes it one).
//
// Until the lead's verdict API lands (fixtures/verdicts.ts, src/contract/rules.ts), this is the seam to rewire: the
// observations already have the draft shape of design.md (signature, verdict, operationId, check, rule, source,
// message).
import { maskText } from '../../contract/secrets.js';

export type VerdictLevel = 'fail' | 'warn';

export interface Violation {
  verdict: VerdictLevel;
  /** What was checked, short and stable (part of the signature), e.g. `delivery:exactly-once`. */
  check: string;
  /** The rule, in words. */
  rule: string;
  /** Where the rule is written (seed and section, or `facts`, or `spec`). */
  source: string;
  /** What happened, for people (masked before it is kept). */
  message: string;
  operationId?: string;
}

/** An observation in the draft findings format (design.md, "Verdicts"). */
export interface Observation extends Violation {
  signature: string;
  /** How often it was seen in this exploration. */
  count: number;
}

/** Thrown by a failing check: ends the run of commands, so fast-check shrinks it. */
export class ExplorationFailure extends Error {
  constructor(readonly observation: Observation) {
    super(`${observation.check}: ${observation.message}\n  rule: ${observation.rule} (${observation.source})`);
    this.name = 'ExplorationFailure';
  }
}

export const signatureOf = (v: Pick<Violation, 'operationId' | 'check' | 'rule'>): string => `${v.operationId ?? 'exploration'} ${v.check} ${v.rule}`;

/** The observations of one exploration: warnings kept (one per signature), failures thrown. */
export class Verdicts {
  readonly warnings = new Map<string, Observation>();
  readonly failures: Observation[] = [];

  constructor(private readonly strict = process.env.CEC_STRICT === '1') {}

  /** Reports one check that did not hold. A failure (or, under CEC_STRICT=1, a warning) throws. */
  violation(v: Violation): void {
    const observation: Observation = { ...v, message: maskText(v.message), signature: signatureOf(v), count: 1 };
    if (v.verdict === 'warn' && !this.strict) {
      const seen = this.warnings.get(observation.signature);
      if (seen) seen.count++;
      else this.warnings.set(observation.signature, observation);
      return;
    }
    this.failures.push(observation);
    throw new ExplorationFailure(observation);
  }

  /** `violation()` when `holds` is false. */
  expect(holds: boolean, v: Violation): void {
    if (!holds) this.violation(v);
  }
}
