// Small helpers the mutants' hooks share.
import type { OperationId } from '../../mock/handlers/types.js';
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
