// A request-problem hook built from allowances: the errors of the spec's request check that a profile reads as
// lawful are let through (the handler runs, X-Mock-Note names what was let go); whatever else is wrong gets the
// answer `refuse` gives it (by default the documented one), as if the let-through errors had not been there.
import type { ContractError } from '../../../src/contract/validators.js';
import type { AnyReply } from '../../http/errors.js';
import type { ProblemAnswer, RequestProblemHook } from '../extensions.js';
import type { OperationId } from '../../handlers/types.js';
import { classify, type RequestProblem } from '../../http/request-check.js';
import { documentedProblemAnswer } from '../../http/routes.js';

/** One reading a profile takes: which errors it lets through, and how the note names them. */
export interface Allowance {
  matches: (e: ContractError, operationId: OperationId) => boolean;
  note: (errors: readonly ContractError[], operationId: OperationId) => string;
}

/** Keywords that only wrap the errors of their subschemas (the TEXT bound's if/then). */
const WRAPPERS = new Set(['if', 'then', 'else']);

export type Refusal = (operationId: OperationId, problem: RequestProblem) => AnyReply;

export function lettingThrough(allowances: readonly Allowance[], refuse: Refusal = documentedProblemAnswer): RequestProblemHook {
  return (problem, { operationId }): ProblemAnswer => {
    const notes: string[] = [];
    let rest = problem.errors;
    for (const a of allowances) {
      const hit = rest.filter((e) => a.matches(e, operationId));
      if (!hit.length) continue;
      notes.push(a.note(hit, operationId));
      rest = rest.filter((e) => !hit.includes(e));
    }
    if (rest.every((e) => WRAPPERS.has(e.keyword))) return notes.length ? { pass: true, note: notes.join('; ') } : undefined;
    if (!notes.length && refuse === documentedProblemAnswer) return undefined;
    return refuse(operationId, { ...problem, kind: classify(rest), errors: rest });
  };
}
