// buildApp: a Fastify app serving the mock tenant plugin (plugin.ts), testable with app.inject. Options come from
// the arguments, then the environment, then the defaults (options.ts); how it answers may be changed through the
// extension points (extensions.ts). `app.mock` (state, options, faults) is there once the app is ready.
import Fastify, { type FastifyInstance } from 'fastify';
import type { MockExtensions } from './behaviour/extensions.js';
import { BODY_LIMIT } from './http/json-body.js';
import { resolveOptions, type BuildAppOptions } from './behaviour/options.js';
import { mockTenant } from './http/plugin.js';

export interface AppOptions extends BuildAppOptions {
  /** Handlers by operationId, security handlers by scheme, and the hooks (extensions.ts). */
  extensions?: MockExtensions;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
  /** Where the JSON log lines go (default stdout). */
  logStream?: { write(line: string): void };
}

export function buildApp(given: AppOptions = {}): FastifyInstance {
  const { extensions, tls, logStream, ...rest } = given;
  const options = resolveOptions(rest);
  const app = Fastify({
    logger: { level: options.logLevel, ...(logStream ? { stream: logStream } : {}) },
    bodyLimit: BODY_LIMIT,
    exposeHeadRoutes: false, // a HEAD of poll must not drain the customer's messages
    forceCloseConnections: true,
    ...(tls ? { https: tls } : {}),
  }) as unknown as FastifyInstance;
  void app.register(mockTenant, { options, extensions });
  return app;
}
