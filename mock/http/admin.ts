// Mock-only admin endpoints (MOCK_ADMIN=1): change faults for a run or for one client, reset the tenant, read its
// health. POST /__mock/reset is a clean slate: state emptied, every client's faults forgotten and the process-wide
// ones back to their start settings.
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, errorBody } from './errors.js';
import { ADMIN_PREFIX, CLIENT_ID, type FaultScopes } from '../behaviour/faults.js';
import type { FlowControl } from '../behaviour/flow-control.js';
import { OptionError, parseFaults } from '../behaviour/options.js';
import { UnparsableBody } from './request-check.js';
import type { MockStore } from '../state/store.js';

/** The body of POST /__mock/faults: fault settings, and optionally the client they are for. */
function readFaultsBody(body: unknown): { client?: string; changes: ReturnType<typeof parseFaults> } {
  if (body instanceof UnparsableBody) throw new OptionError(body.reason);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { changes: parseFaults(body ?? {}) };
  const { client, ...settings } = body as Record<string, unknown>;
  if (client !== undefined && (typeof client !== 'string' || !CLIENT_ID.test(client))) {
    throw new OptionError('client: expected 1 to 200 visible ASCII characters (the X-Mock-Client header of that client)');
  }
  return { client, changes: parseFaults(settings) };
}

export function registerAdmin(app: FastifyInstance, store: MockStore, scopes: FaultScopes, flowControl: FlowControl): void {
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
      faults: scopes.describe().faults,
      memory: { rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal },
    };
  });

  app.get(`${ADMIN_PREFIX}faults`, async () => scopes.describe());

  app.post(`${ADMIN_PREFIX}faults`, async (request, reply) => {
    try {
      const { client, changes } = readFaultsBody(request.body);
      const faults = scopes.set(client, changes);
      return client === undefined ? { faults } : { client, faults };
    } catch (e) {
      if (!(e instanceof OptionError)) throw e;
      return reply.code(400).send(errorBody(ERROR_CODES.badRequest, e.message));
    }
  });

  app.post(`${ADMIN_PREFIX}reset`, async () => {
    store.reset();
    flowControl.reset();
    scopes.reset();
    return { reset: true, faults: scopes.describe().faults };
  });
}
