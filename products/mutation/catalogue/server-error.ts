// A server error on bad input.
import type { Mutation } from '../types.js';

export const SERVER_ERROR_MUTANTS = {
  'crash-on-malformed-json': {
    area: 'server-error', seam: 'request',
    rule: 'a request that is not JSON is refused as a bad request (400), not a server failure',
    how: 'a body that is not JSON answers 500',
    operations: '*',
    request: (_operationId, problem) => (problem.errors.some((e) => e.keyword === 'json') ? 'crash' : undefined),
  },
  'crash-on-missing-field': {
    area: 'server-error', seam: 'request',
    rule: 'a request without a mandatory field is refused (400 or a parameter-error code), not a server failure',
    how: 'a missing mandatory body field answers 500 (as if the handler dereferenced it)',
    operations: '*',
    request: (_operationId, problem) => (problem.where === 'body' && problem.errors.some((e) => e.keyword === 'required') ? 'crash' : undefined),
  },
} satisfies Record<string, Mutation>;
