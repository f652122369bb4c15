// The one place every check of the exploration reports to. Each check that does not hold is an observation in the
// project's one format (src/contract/findings.ts) with the strength of the rule it breaks: the answer checks' own
// (the client's, `observationsOf(response)`, a strength each), and the model's business rules (rules.ts). A failure
// (refuse; any 5xx) ends the run of commands, so fast-check shrinks the sequence; a warning (guidance) is kept, one
// per signature with how often it was seen, and never fails (CEC_STRICT=1 made it a failure already).
import { describeObservation, type Observation } from '../../src/contract/findings.js';
import { maskText } from '../../src/contract/secrets.js';
import { observationOf, type RuleRef } from '../../fixtures/verdicts.js';

/** Thrown by a failing check: ends the run of commands, so fast-check shrinks it. */
export class ExplorationFailure extends Error {
  constructor(readonly observation: Observation) {
    super(describeObservation(observation));
    this.name = 'ExplorationFailure';
  }
}

/** A warning of the exploration and how often it was seen. */
export interface Seen {
  observation: Observation;
  count: number;
}

/** The observations of one exploration: warnings kept (one per signature), failures thrown. */
export class Verdicts {
  readonly warned = new Map<string, Seen>();
  /** The ids of the model rules whose checks held at least once (the conformance statement's "verified"). */
  readonly held = new Set<string>();

  constructor(readonly strict = process.env.CEC_STRICT === '1') {}

  /** An observation with its verdict (an answer check's, or a broken rule's): a failure throws, a warning is kept. */
  observe(o: Observation): void {
    if (o.verdict === 'fail') throw new ExplorationFailure(o);
    const seen = this.warned.get(o.signature);
    if (seen) seen.count++;
    else this.warned.set(o.signature, { observation: o, count: 1 });
  }

  /** `rule` did not hold: what happened. */
  broke(rule: RuleRef, message: string): void {
    this.observe(observationOf(rule, maskText(message), this.strict));
  }

  /** `broke()` when `holds` is false. */
  expect(holds: boolean, rule: RuleRef, message: () => string): void {
    if (!holds) this.broke(rule, message());
    else if (rule.id) this.held.add(rule.id);
  }

  /** The warnings, most frequent first. */
  get warnings(): Seen[] {
    return [...this.warned.values()].sort((a, b) => b.count - a.count);
  }
}
