// Every answer of an operation is checked against the spec before it leaves; a violation is a bug of the mock and
// fails loudly (logged at error level, answered 500 naming the operation and the errors), so the mock cannot drift
// from the spec.
import type { FastifyInstance } from 'fastify';
import { validateResponseBody } from '../../src/contract/validators.js';
import { describeErrors, ERROR_CODES } from './errors.js';
import type { MockOptions } from '../behaviour/options.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The spec operation a route serves. */
    operationId?: string;
  }
}

export function registerResponseCheck(app: FastifyInstance, options: MockOptions): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const operationId = request.routeOptions.config.operationId;
    if (!options.validateResponses || !operationId || request.mockFault || typeof payload !== 'string') return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      body = payload;
    }
    const status = reply.statusCode;
    const r = validateResponseBody(operationId, status, body);
    if (r.valid) return payload;
    request.log.error({ operationId, status, errors: r.errors, body }, 'mock response violates the spec');
    reply.code(500).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify({
      errorCode: ERROR_CODES.internal,
      exceptionInfo: `mock bug: the ${status} response of ${operationId} violates the spec: ${describeErrors(r.errors)}`,
      operationId,
      status,
      errors: r.errors,
    });
  });
}
