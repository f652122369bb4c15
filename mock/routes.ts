// One route per spec operation (path template → Fastify route, no route schema), each running the same pipeline:
// flow control, credentials, the spec's request rules, then the operation's handler. On the API Fabric host a broken
// structure is 400, a missing or bad credential 401, a broken value rule the operation's parameter-error result code
// (or 400 where it documents none); on the CC-Gateway everything is 200 with a retcode.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type OperationInfo } from '../src/contract/spec.js';
import { operations } from '../src/contract/contract.js';
import { authenticate, type AuthContext } from './auth.js';
import { badRequest, describeErrors, ERROR_CODES, errorBody, gateway, ok, unauthorized, type Reply } from './errors.js';
import type { FlowControl } from './flow-control.js';
import type { HandlerMap } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import type { MockOptions } from './options.js';
import { mutationOf } from './mutations.js';
import { checkPath, checkRequest, PARAMETER_ERROR_CODES } from './request-check.js';
import type { MockStore } from './store.js';

export interface RouteDeps {
  store: MockStore;
  options: MockOptions;
  handlers: HandlerMap;
  flowControl: FlowControl;
}

/** /agentgateway/resource/onlineagent/{agentid} → /agentgateway/resource/onlineagent/:agentid */
export const fastifyPath = (template: string): string => template.replace(/\{([^}]+)\}/g, ':$1');

export function registerOperations(app: FastifyInstance, deps: RouteDeps): void {
  const ops = [...operations().values()];
  const known = new Set(ops.map((o) => o.operationId));
  const missing = ops.filter((o) => !(o.operationId in deps.handlers)).map((o) => o.operationId);
  const extra = Object.keys(deps.handlers).filter((id) => !known.has(id));
  if (missing.length || extra.length) throw new Error(`mock handlers and spec disagree: no handler for [${missing.join(', ')}], no operation for [${extra.join(', ')}]`);
  // A routing mutant (mock/mutations.ts) also serves an operation under a method the spec does not give it.
  const extraRoutes = mutationOf(deps.options)?.extraRoutes ?? [];
  for (const op of ops) {
    const handler = deps.handlers[op.operationId as keyof HandlerMap];
    const methods = [op.method.toUpperCase(), ...extraRoutes.filter((x) => x.operationId === op.operationId).map((x) => x.method)];
    for (const method of methods) {
      app.route({
        method: method as 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
        url: fastifyPath(op.path),
        config: { operationId: op.operationId },
        handler: async (request, reply) => {
          const r = await (op.host === 'gateway' ? gatewayPipeline : cecPipeline)(op, handler, request, deps);
          if (r.headers) reply.headers(r.headers);
          return reply.code(r.status).send(r.body);
        },
      });
    }
  }
}

/** What a server-error mutant answers for bad input: the documented 500, as if the handler had failed on it. */
function serverFailure(operationId: string): Reply {
  return { status: 500, body: errorBody(ERROR_CODES.internal, `${operationId}: java.lang.NullPointerException`) };
}

function parts(request: FastifyRequest) {
  return {
    query: (request.query ?? {}) as Record<string, unknown>,
    headers: request.headers as Record<string, unknown>,
    params: (request.params ?? {}) as Record<string, string>,
    body: request.body,
  };
}

function run(op: OperationInfo, handler: Handler, request: FastifyRequest, deps: RouteDeps, auth: AuthContext) {
  const p = parts(request);
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(p.query)) if (typeof v === 'string') query[k] = v;
  return handler({ operationId: op.operationId, body: p.body, query, params: p.params, headers: p.headers, auth, store: deps.store, options: deps.options, log: request.log });
}

async function cecPipeline(op: OperationInfo, handler: Handler, request: FastifyRequest, deps: RouteDeps): Promise<Reply> {
  const appKey = request.headers['x-app-key'];
  const limited = deps.flowControl.check(op.operationId, typeof appKey === 'string' ? appKey : undefined);
  if (limited) return ok(limited);
  const auth = authenticate(op, request.headers, deps.store, deps.options, parts(request));
  if (!auth.ok) return unauthorized(auth.reason);
  const problem = checkRequest(op.operationId, parts(request));
  const mutated = problem && mutationOf(deps.options)?.request?.(op.operationId, problem);
  if (mutated === 'crash') return serverFailure(op.operationId);
  if (problem && mutated !== 'pass') {
    const code = PARAMETER_ERROR_CODES[op.operationId];
    if (problem.kind === 'value' && code) return ok({ resultCode: code, resultDesc: `Parameter error: ${describeErrors(problem.errors)}` });
    return badRequest(describeErrors(problem.errors));
  }
  return run(op, handler, request, deps, auth.auth);
}

async function gatewayPipeline(op: OperationInfo, handler: Handler, request: FastifyRequest, deps: RouteDeps): Promise<Reply> {
  const p = parts(request);
  const badPath = checkPath(op.operationId, p.params);
  if (badPath) return gateway('000-002', `bad URL: ${describeErrors(badPath.errors)}`);
  const auth = authenticate(op, request.headers, deps.store, deps.options, p);
  if (!auth.ok) return gateway('000-003', `no permission: ${auth.reason}`);
  if (auth.auth.agent && auth.auth.agent.agentId !== p.params.agentid) return gateway('000-003', 'no permission: the Guid belongs to another agent');
  const problem = checkRequest(op.operationId, p);
  if (problem) return gateway(gatewayParameterCode(op.operationId), `parameter error: ${describeErrors(problem.errors)}`);
  return run(op, handler, request, deps, auth.auth);
}

/** sendmessage's body is a message ("000-006 message parameter error"); elsewhere "000-002 bad URL or parameter". */
export const gatewayParameterCode = (operationId: string): string => (operationId === 'sendMessage' ? '000-006' : '000-002');
