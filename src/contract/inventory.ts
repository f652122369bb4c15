// The rule inventory: every rule the four documents state, one entry each, with a stable id, its source and its
// strength. One registry that the tests (their checks name the ids), the exploration, the findings and the
// conformance statement read. Built, not hand-copied:
//
// - spec: every constraint of the spec's rule table (each `x-rule`-governed keyword: type, enum, bounds, required,
//   …; a node "as a whole" is only a fallback and no entry of its own), rules.ts;
// - exchange: each exchange-level rule of the spec's root `x-rule` (server error, status, content type, JSON, …), once
//   per operation it applies to;
// - business: the business rules the tests judge (business-rules.ts);
// - model: the exploration's model rules (model-rules.ts);
// - prose: the sentences only the documents' prose states (prose-rules.ts).
//
// docs/rules.md tells how it was built and its size by source; `npm run explain -- <id>` prints one entry.
import { RULES } from './business-rules.js';
import type { Contract } from './contract.js';
import type { CheckKind } from './findings.js';
import { MODEL_RULES } from './model-rules.js';
import { PROSE_RULES } from './prose-rules.js';
import type { RuleRef } from './rule-ref.js';
import { describeRule, exchangeRuleId, type Strength } from './rules.js';

export type RuleOrigin = 'spec' | 'exchange' | 'business' | 'model' | 'prose';

export interface InventoryRule {
  id: string;
  origin: RuleOrigin;
  /** The operation it is a rule of (null: every exchange). */
  operationId: string | null;
  strength: Strength;
  /** The rule in words. */
  rule: string;
  /** Where the documents state it (seed, chapter, table), "facts" or "spec choice". */
  source: string;
  /** The sentence quoted, for prose rules. */
  sentence?: string;
  why?: string;
  /** The kinds of check that judge it (answer checks, negative, positive, business, …). */
  checks: CheckKind[];
  /** Why no black-box test can check it (argued in docs/rules.md); such a rule is never counted as verified. */
  notBlackBox?: string;
  /** spec rules: where and which keyword; for the statement's "not reached" reasons. */
  direction?: 'request' | 'response';
  status?: string;
  at?: string;
  keyword?: string;
}

/** The exchange rules of the root x-rule, and the checks that judge each. */
const EXCHANGE_CHECKS: Record<string, CheckKind[]> = {
  'server-error': ['server-error'], status: ['status'], 'status-refusal': ['status'], 'content-type': ['content-type'], json: ['json'],
  'too-large': ['too-large'], 'null-optional': ['schema'], method: ['accepts-invalid'], 'request-json': ['accepts-invalid'], 'refuses-valid': ['refuses-valid'],
};
const EXCHANGE_TEXT: Record<string, (op: string, statuses: string) => string> = {
  'server-error': () => 'no answer is a server error (5xx)',
  status: (op, s) => `${op} answers ${s}`,
  'status-refusal': (op) => `${op} refuses with a 4xx it documents`,
  'content-type': () => 'a documented body is application/json',
  json: () => 'a documented body is JSON',
  'too-large': () => 'an answer is within the read limit',
  'null-optional': () => 'a value may be null only where it is optional',
  method: (op) => `${op} is called with its documented method; others are refused`,
  'request-json': () => 'a request body that is not JSON is refused',
  'refuses-valid': () => 'a request that keeps every documented rule is accepted',
};

const fromRef = (r: RuleRef & { id: string }, origin: RuleOrigin, sentence?: string): InventoryRule => ({
  id: r.id, origin, operationId: r.operationId, strength: r.strength, rule: r.rule, source: r.source,
  ...(sentence ? { sentence } : {}), ...(r.why ? { why: r.why } : {}), checks: [r.check],
});

/** Checks that judge a spec rule: a response rule by the answer checks; a request rule by the negative and positive tests. */
const specChecks = (direction: 'request' | 'response'): CheckKind[] => (direction === 'response' ? ['schema'] : ['accepts-invalid', 'refuses-valid']);

export class RuleInventory {
  readonly rules: readonly InventoryRule[];
  private readonly byId = new Map<string, InventoryRule>();

  constructor(rules: InventoryRule[]) {
    for (const r of rules) {
      const had = this.byId.get(r.id);
      // A rule judged by several kinds of check is one entry: the first statement names it, the checks add up.
      if (!had) {
        this.byId.set(r.id, r);
        continue;
      }
      for (const c of r.checks) if (!had.checks.includes(c)) had.checks.push(c);
    }
    this.rules = [...this.byId.values()];
  }

  static of(c: Contract): RuleInventory {
    const rules: InventoryRule[] = [];
    for (const r of c.rules.rules) {
      if (r.keyword === '*') continue;
      // A path parameter is part of the URL: without it the request names another resource (routing, not a refusal of
      // this operation), and every path segment is a string. Its pattern and range are checked; its presence and type cannot be.
      const inUrl = /^\/(path|query|header)\//.test(r.at);
      const notBlackBox = r.at.startsWith('/path/') && (r.keyword === 'required' || r.keyword === 'type')
        ? 'a path parameter is part of the URL: leaving it out names another resource, and a path segment is always a string'
        : inUrl && r.keyword === 'type' && r.value === 'string' ? 'a URL\'s parameter or a header is always a string: no request can send another type' : undefined;
      rules.push({
        ...(notBlackBox ? { notBlackBox } : {}), id: r.ruleId, origin: 'spec', operationId: r.operationId, strength: r.strength, rule: describeRule(r), source: r.source, ...(r.why ? { why: r.why } : {}),
        checks: specChecks(r.direction), direction: r.direction, ...(r.status ? { status: r.status } : {}), at: r.at, keyword: r.keyword,
      });
    }
    for (const op of c.operations.values()) {
      const hasBody = Boolean(op.requestSchemaPointer);
      const hasAnswerBody = Object.values(op.responseSchemaPointers).some(Boolean);
      for (const name of Object.keys(c.rules.exchange)) {
        if (name === 'request-json' && !hasBody) continue;
        if (['content-type', 'json', 'null-optional'].includes(name) && !hasAnswerBody) continue;
        const r = c.rules.exchangeRule(name, op);
        const text = EXCHANGE_TEXT[name]?.(op.operationId, op.statuses.join(', ')) ?? name;
        rules.push({ id: exchangeRuleId(op.operationId, name), origin: 'exchange', operationId: op.operationId, strength: r.strength, rule: text, source: r.source, ...(r.why ? { why: r.why } : {}), checks: EXCHANGE_CHECKS[name] ?? ['error'], keyword: name });
      }
    }
    for (const r of Object.values(RULES)) rules.push(fromRef(r, 'business'));
    for (const r of Object.values(MODEL_RULES)) rules.push(fromRef(r, 'model'));
    for (const r of Object.values(PROSE_RULES)) rules.push(fromRef(r, 'prose', r.sentence));
    return new RuleInventory(rules);
  }

  get(id: string): InventoryRule | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** How many rules of each origin and strength. */
  sizes(): Record<RuleOrigin, { refuse: number; guidance: number }> {
    const out = {} as Record<RuleOrigin, { refuse: number; guidance: number }>;
    for (const r of this.rules) (out[r.origin] ??= { refuse: 0, guidance: 0 })[r.strength]++;
    return out;
  }
}

const built = new WeakMap<Contract, RuleInventory>();
/** The inventory of a contract (built once per contract). */
export function inventoryOf(c: Contract): RuleInventory {
  let inv = built.get(c);
  if (!inv) built.set(c, (inv = RuleInventory.of(c)));
  return inv;
}
