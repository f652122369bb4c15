// Bodies of the mock's refusals. Outside 200 the API Fabric answers {errorCode, exceptionInfo}; the CC-Gateway
// answers 200 with a retcode. The errorCode values are the mock's own (the documents name none).
import type { ContractError } from '../src/contract/validators.js';

export const ERROR_CODES = {
  badRequest: 'MOCK.0400',
  unauthorized: 'MOCK.0401',
  notFound: 'MOCK.0404',
  internal: 'MOCK.0500',
  unavailable: 'MOCK.0503',
} as const;

export interface ErrorBody {
  errorCode: string;
  exceptionInfo: string;
}

export const errorBody = (errorCode: string, exceptionInfo: string): ErrorBody => ({ errorCode, exceptionInfo });

/** A readable one-line account of contract errors, e.g. `/body/evaluation: must be equal to one of the allowed values`. */
export function describeErrors(errors: readonly ContractError[], max = 5): string {
  const parts = errors.slice(0, max).map((e) => `${e.pointer || '/'}: ${e.message}`);
  if (errors.length > max) parts.push(`and ${errors.length - max} more`);
  return parts.join('; ');
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const badRequest = (info: string): Reply => ({ status: 400, body: errorBody(ERROR_CODES.badRequest, info) });
export const unauthorized = (info: string): Reply => ({ status: 401, body: errorBody(ERROR_CODES.unauthorized, info) });
export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, ...(headers ? { headers } : {}) });
/** A CC-Gateway answer: always HTTP 200, the outcome in retcode. */
export const gateway = (retcode: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): Reply =>
  ok({ retcode, message, ...extra }, headers);
