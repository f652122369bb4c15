// Mock-only admin endpoints (MOCK_ADMIN=1): change faults for a run, reset the tenant, read its health.
// POST /__mock/reset is a clean slate: state emptied and faults back to their start settings.
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, errorBody } from './errors.js';
import type { FlowControl } from './flow-control.js';
import { ADMIN_PREFIX } from './faults.js';
import { OptionError, parseFaults, type FaultSettings, type MockOptions } from './options.js';
import { UnparsableBody } from './request-check.js';
import type { MockStore } from './store.js';

export function registerAdmin(app: FastifyInstance, options: MockOptions, store: MockStore, flowControl: FlowControl): void {
  const startFaults: FaultSettings = { ...options.faults };
  const startedAt = Date.now();

  app.get(`${ADMIN_PREFIX}health`, async (request) => {
    // ?gc=1 collects garbage first when node runs with --expose-gc (the benchmark's memory figures).
    const gc = (globalThis as { gc?: () => void }).gc;
    if ((request.query as Record<string, unknown>).gc === '1' && gc) gc();
    const mem = process.memoryUsage();
    return {
      status: 'ok',
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
      users: store.users.size,
      activeSessions: [...store.users.values()].filter((u) => u.session && u.session.state !== 'ended').length,
      tokens: store.fabricTokens.size + store.clientTokens.size,
      files: store.files.size,
      faults: options.faults,
      memory: { rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal },
    };
  });

  app.get(`${ADMIN_PREFIX}faults`, async () => ({ faults: options.faults }));

  app.post(`${ADMIN_PREFIX}faults`, async (request, reply) => {
    try {
      if (request.body instanceof UnparsableBody) throw new OptionError(request.body.reason);
      Object.assign(options.faults, parseFaults(request.body ?? {}));
    } catch (e) {
      if (!(e instanceof OptionError)) throw e;
      return reply.code(400).send(errorBody(ERROR_CODES.badRequest, e.message));
    }
    return { faults: options.faults };
  });

  app.post(`${ADMIN_PREFIX}reset`, async () => {
    store.reset();
    flowControl.reset();
    Object.assign(options.faults, startFaults);
    return { reset: true, faults: options.faults };
  });
}
