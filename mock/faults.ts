// Injected faults, rolled per request before anything else: added latency, dropped connections and 503s with
// Retry-After. The admin paths are exempt so faults can always be switched off again.
import type { FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERROR_CODES, errorBody } from './errors.js';
import type { Prng } from './ids.js';
import type { MockOptions } from './options.js';

export const ADMIN_PREFIX = '/__mock/';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when an injected fault answers, so the reply skips response validation. */
    mockFault: boolean;
  }
}

export function registerFaults(app: FastifyInstance, options: MockOptions, prng: Prng): void {
  app.decorateRequest('mockFault', false);
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(ADMIN_PREFIX)) return;
    const f = options.faults;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (prng.chance(f.dropRate)) {
      request.mockFault = true;
      reply.hijack();
      request.raw.socket?.destroy();
      return;
    }
    if (prng.chance(f.fault503Rate)) {
      request.mockFault = true;
      return reply.code(503).header('retry-after', '1').send(errorBody(ERROR_CODES.unavailable, 'Service unavailable (injected fault); retry later'));
    }
  });
}
