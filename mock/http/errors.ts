// Bodies of the mock's answers. Outside 200 the API Fabric answers {errorCode, exceptionInfo}; the CC-Gateway
// answers 200 with a retcode. The errorCode values are the mock's own (the documents name none). The helpers keep
// the status as a literal type, so a handler's answer is checked against its operation's responses (handlers/types.ts).
import type { components } from '../../src/contract/generated/openapi.js';
import type { ContractError } from '../../src/contract/validators.js';

export const ERROR_CODES = {
  badRequest: 'MOCK.0400',
  unauthorized: 'MOCK.0401',
  notFound: 'MOCK.0404',
  internal: 'MOCK.0500',
  unavailable: 'MOCK.0503',
} as const;

export type ErrorBody = components['schemas']['ErrorBody'];

export const errorBody = (errorCode: string, exceptionInfo: string): ErrorBody => ({ errorCode, exceptionInfo });

/** A readable one-line account of contract errors, e.g. `/body/evaluation: must be equal to one of the allowed values`. */
export function describeErrors(errors: readonly ContractError[], max = 5): string {
  const parts = errors.slice(0, max).map((e) => `${e.pointer || '/'}: ${e.message}`);
  if (errors.length > max) parts.push(`and ${errors.length - max} more`);
  return parts.join('; ');
}

/** An answer of any operation (the pipeline's view; handlers answer the typed Reply of their operation). */
export interface AnyReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface StatusReply<S extends number, B> {
  status: S;
  body: B;
  headers?: Record<string, string>;
}

export const badRequest = (info: string): StatusReply<400, ErrorBody> => ({ status: 400, body: errorBody(ERROR_CODES.badRequest, info) });
export const unauthorized = (info: string): StatusReply<401, ErrorBody> => ({ status: 401, body: errorBody(ERROR_CODES.unauthorized, info) });
export const ok = <B>(body: B, headers?: Record<string, string>): StatusReply<200, B> => ({ status: 200, body, ...(headers ? { headers } : {}) });

/** A {resultCode, resultDesc} body, with more fields when given. */
export const result = <E extends object = object>(resultCode: string, resultDesc: string, extra?: E): { resultCode: string; resultDesc: string } & E =>
  ({ resultCode, resultDesc, ...extra }) as { resultCode: string; resultDesc: string } & E;

/** A CC-Gateway answer: always HTTP 200, the outcome in retcode. */
export const gateway = <E extends object = object>(retcode: string, message: string, extra?: E, headers?: Record<string, string>) =>
  ok({ retcode, message, ...extra } as { retcode: string; message: string } & E, headers);
