// Small helpers the mutants' hooks share.
import type { OutgoingAnswer } from '../types.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A response hook for one operation's JSON answers with this status. */
export const on = (operationId: string, status: number, edit: (body: Json) => Json | undefined) =>
  (a: OutgoingAnswer): OutgoingAnswer | undefined => {
    if (a.operationId !== operationId || a.status !== status || !isObject(a.body)) return undefined;
    const body = edit(structuredClone(a.body));
    return body === undefined ? undefined : { ...a, body };
  };

export const succeeded = (b: Json): boolean => (b.resultCode ?? b.returnCode) === '0';
