// The response seam of mutation testing: an onSend hook registered after the response check (response-check.ts),
// so a response mutant (mock/mutations.ts) rewrites an answer the spec check has already passed. Without a
// response mutant nothing is registered.
import type { FastifyInstance } from 'fastify';
import type { Mutation } from './mutations.js';

export function registerMutationHook(app: FastifyInstance, mutation: Mutation | undefined): void {
  const rewrite = mutation?.response;
  if (!rewrite) return;
  app.addHook('onSend', async (request, reply, payload) => {
    const operationId = request.routeOptions.config.operationId;
    if (!operationId || request.mockFault || typeof payload !== 'string') return payload;
    let body: unknown = payload;
    try {
      body = JSON.parse(payload);
    } catch { /* text */ }
    const contentType = String(reply.getHeader('content-type') ?? '');
    const out = rewrite({ operationId, status: reply.statusCode, contentType, body });
    if (!out) return payload;
    reply.code(out.status);
    reply.header('content-type', out.contentType);
    return typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
  });
}
