// A rule as a check states it: its stable id (the inventory's, src/contract/inventory.ts), what must hold, where the
// documents say so, how strong it is. Every check of the suite, the exploration and the traffic checker names one.
import type { CheckKind } from './findings.js';
import type { Strength } from './rules.js';

export interface RuleRef {
  /** The rule's stable id in the inventory (`poll.delivered-once`, `applyToken.request.body.channel.enum`). */
  id?: string;
  operationId: string | null;
  check: CheckKind;
  rule: string;
  source: string;
  strength: Strength;
  why?: string;
  at?: string;
  keyword?: string;
  /** Other rules of the inventory the same check holds for (a wrong type breaks a field's type and its alternatives). */
  also?: string[];
}

/** A named business rule of an operation: delivery, isolation, lifetime, a documented result code, … */
export interface NamedRule extends RuleRef {
  id: string;
  operationId: string;
}

const kebab = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** A business rule (`key` in camelCase becomes the id `<operationId>.<kebab-key>`). */
export const namedRule = (key: string, operationId: string, rule: string, source: string, strength: Strength = 'refuse', why?: string): NamedRule =>
  ({ id: `${operationId}.${kebab(key)}`, operationId, check: 'business', rule, source, strength, ...(why ? { why } : {}) });

/** The same rule judged as another kind of check (a refusal, a wrong result code): the same id. */
export const asCheck = <R extends RuleRef>(rule: R, check: CheckKind): R => ({ ...rule, check });

/** A table of named rules, keyed as the code names them. */
export type RuleTable = Record<string, NamedRule>;
