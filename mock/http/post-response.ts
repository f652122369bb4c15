// The post-response extension point: an onSend hook registered after the response check (response-check.ts), so a
// hook rewrites an answer the spec check has already passed and the check still guards everything it leaves alone.
// Without a hook nothing is registered.
import type { FastifyInstance } from 'fastify';
import type { PostResponseHook } from '../behaviour/extensions.js';

export function registerPostResponse(app: FastifyInstance, rewrite: PostResponseHook | undefined): void {
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
