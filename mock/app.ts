// buildApp: the mock tenant as a Fastify app, testable with app.inject. Routes come from the spec's operations;
// state lives in one MockStore; options (and, for tests and deliberate defects, handler overrides) come in here.
import Fastify, { type FastifyInstance } from 'fastify';
import { operations } from '../src/contract/contract.js';
import { compileAll } from '../src/contract/validators.js';
import { registerAdmin } from './admin.js';
import { ERROR_CODES, errorBody, gateway } from './errors.js';
import { registerFaults } from './faults.js';
import { FlowControl } from './flow-control.js';
import { HANDLERS, type HandlerMap } from './handlers/index.js';
import { Prng } from './ids.js';
import { BODY_LIMIT, registerJsonBody } from './json-body.js';
import { registerMutationHook } from './mutation-hook.js';
import { mutateHandlers, mutationOf } from './mutations.js';
import { resolveOptions, type BuildAppOptions, type MockOptions } from './options.js';
import { assertParameterErrorCodesDocumented } from './request-check.js';
import { registerResponseCheck } from './response-check.js';
import { gatewayParameterCode, registerOperations } from './routes.js';
import { MockStore } from './store.js';

export interface MockContext {
  store: MockStore;
  options: MockOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    mock: MockContext;
  }
}

export interface AppOptions extends BuildAppOptions {
  /** Replaces operation handlers (tests; deliberate defects). */
  handlers?: Partial<HandlerMap>;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
  /** Where the JSON log lines go (default stdout). */
  logStream?: { write(line: string): void };
}

export function buildApp(given: AppOptions = {}): FastifyInstance {
  const { handlers, tls, logStream, ...rest } = given;
  const options = resolveOptions(rest);
  const mutation = mutationOf(options); // an unknown MOCK_MUTATION name fails here, listing the valid ones
  assertParameterErrorCodesDocumented();
  compileAll(); // spec errors surface now, and no request pays for compilation
  const app = Fastify({
    logger: { level: options.logLevel, ...(logStream ? { stream: logStream } : {}) },
    bodyLimit: BODY_LIMIT,
    exposeHeadRoutes: false, // a HEAD of poll must not drain the customer's messages
    forceCloseConnections: true,
    ...(tls ? { https: tls } : {}),
  }) as unknown as FastifyInstance;

  const store = new MockStore(options);
  const prng = new Prng(`${options.seed}:faults`);
  const flowControl = new FlowControl(options, prng);
  app.decorate('mock', { store, options });

  registerJsonBody(app);
  registerFaults(app, options, prng);
  registerResponseCheck(app, options);
  registerMutationHook(app, mutation); // after the response check: a response mutant rewrites a checked answer
  registerOperations(app, { store, options, handlers: { ...mutateHandlers(HANDLERS, mutation), ...handlers }, flowControl });
  if (options.admin) registerAdmin(app, options, store, flowControl);

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody(ERROR_CODES.notFound, `No operation ${request.method} ${request.url.split('?')[0]}; check the request path.`));
  });
  // Errors raised before a handler runs (body too large, bad Content-Length) are the client's; anything else is a mock bug.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    const operationId = request.routeOptions.config.operationId;
    const op = operationId ? operations().get(operationId) : undefined;
    if (status >= 500) {
      request.log.error({ err: error, operationId }, 'mock failure');
      return reply.code(500).send(errorBody(ERROR_CODES.internal, `mock failure in ${operationId ?? request.url}: ${error.message}`));
    }
    if (op?.host === 'gateway') {
      const r = gateway(gatewayParameterCode(op.operationId), `parameter error: ${error.message}`);
      return reply.code(r.status).send(r.body);
    }
    return reply.code(400).send(errorBody(ERROR_CODES.badRequest, error.message));
  });

  store.startSweeping();
  app.addHook('onClose', async () => store.close());
  return app;
}
