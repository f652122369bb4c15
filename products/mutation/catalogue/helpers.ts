// Small helpers the mutants' hooks share.
import type { Handler, HandlerContext, OperationId, Reply } from '../../../mock/handlers/types.js';
import type { OutgoingAnswer } from '../types.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A response hook for one operation's JSON answers with this status; it names its operation (operations.ts). */
export const on = (operationId: OperationId, status: number, edit: (body: Json) => Json | undefined) =>
  Object.assign((a: OutgoingAnswer): OutgoingAnswer | undefined => {
    if (a.operationId !== operationId || a.status !== status || !isObject(a.body)) return undefined;
    const body = edit(structuredClone(a.body));
    return body === undefined ? undefined : { ...a, body };
  }, { operations: [operationId] as const });

export const succeeded = (b: Json): boolean => (b.resultCode ?? b.returnCode) === '0';

/** A handler wrapper: (a copy of) `refusal` where `refuses` holds, the correct answer elsewhere. */
export const refusing = <K extends OperationId>(refuses: (ctx: HandlerContext<K>) => boolean, refusal: Reply<K>) =>
  (correct: Handler<K>): Handler<K> => (ctx) => (refuses(ctx) ? structuredClone(refusal) : correct(ctx));
