// The mock tenant as a Fastify plugin: one route per spec operation, the request and response checks, injected
// faults per client, the admin endpoint, and the named extension points (extensions.ts) through which a caller
// changes how it answers. Registered without encapsulation (skip-override), so `app.mock` and the error handlers are
// the app's own.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { operations } from '../../src/contract/contract.js';
import { compileAll } from '../../src/contract/validators.js';
import { registerAdmin } from './admin.js';
import { SECURITY_HANDLERS } from './auth.js';
import { ERROR_CODES, errorBody, gateway } from './errors.js';
import { layer, type MockExtensions } from '../behaviour/extensions.js';
import { FaultScopes, registerFaults } from '../behaviour/faults.js';
import { FlowControl } from '../behaviour/flow-control.js';
import { HANDLERS } from '../handlers/index.js';
import type { HandlerMap } from '../handlers/types.js';
import { DEFAULT_DELIVERY, DEFAULT_TOKEN_HOOKS } from '../behaviour/hooks.js';
import { registerJsonBody } from './json-body.js';
import type { MockOptions } from '../behaviour/options.js';
import { registerPostResponse } from './post-response.js';
import { registerResponseCheck } from './response-check.js';
import { profileExtensions } from '../behaviour/profiles/index.js';
import { gatewayParameterCode, gatewayWrongMethod, registerOperations } from './routes.js';
import { MockStore } from '../state/store.js';
import type { Tenant } from '../state/tenant.js';
import { tokenLive } from '../state/tokens.js';

export interface MockPluginOptions {
  options: MockOptions;
  extensions?: MockExtensions;
}

/** What `app.mock` holds: the tenant (state, live options, hooks in force) and the fault settings per client. */
export interface MockContext extends Tenant {
  faults: FaultScopes;
}

declare module 'fastify' {
  interface FastifyInstance {
    mock: MockContext;
  }
}

const plugin: FastifyPluginAsync<MockPluginOptions> = async (app: FastifyInstance, { options, extensions: given = {} }) => {
  // The profile in force (MOCK_PROFILE, MOCK_STRICT_REQUESTS) under the caller's extensions.
  const extensions = layer(profileExtensions(options), given);
  compileAll(); // spec errors surface now, and no request pays for compilation
  const store = new MockStore(options);
  const tenant: Tenant = {
    store,
    options,
    hooks: { delivery: { ...DEFAULT_DELIVERY, ...extensions.delivery }, tokens: { ...DEFAULT_TOKEN_HOOKS, ...extensions.tokens } },
  };
  const scopes = new FaultScopes(options.faults, options.seed);
  const flowControl = new FlowControl(() => options.now());
  app.decorate('mock', { ...tenant, faults: scopes });

  registerJsonBody(app);
  registerFaults(app, scopes);
  registerResponseCheck(app, options);
  registerPostResponse(app, extensions.postResponse); // after the response check: it rewrites a checked answer
  registerOperations(app, {
    tenant,
    handlers: { ...HANDLERS, ...extensions.handlers } as HandlerMap,
    security: { ...SECURITY_HANDLERS, ...extensions.securityHandlers },
    onRequestProblem: extensions.onRequestProblem,
    extraMethods: extensions.extraMethods,
    flowControl,
  });
  if (options.admin) registerAdmin(app, store, scopes, flowControl);

  app.setNotFoundHandler((request, reply) => {
    const wrongMethod = gatewayWrongMethod(request.method, request.url);
    if (wrongMethod) return reply.code(wrongMethod.status).send(wrongMethod.body);
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

  store.startSweeping(tokenLive(tenant));
  app.addHook('onClose', async () => store.close());
};

/** The mock tenant plugin: `app.register(mockTenant, { options, extensions })`. */
export const mockTenant = Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'cec-mock-tenant' });
