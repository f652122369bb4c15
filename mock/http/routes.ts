// One route per spec operation (path template → Fastify route, no route schema), each running the same pipeline:
// flow control, credentials, the spec's request rules, then the operation's handler. On the API Fabric host a broken
// structure is 400, a missing or bad credential 401, a broken value rule the operation's parameter-error result code
// (or 400 where it documents none); on the CC-Gateway everything is 200 with a retcode. What a request problem gets
// may be changed by the request-problem hook (extensions.ts); a request it lets through with a note carries the note
// in the answer's X-Mock-Note header (notes.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OperationInfo } from '../../src/contract/spec.js';
import { operations } from '../../src/contract/contract.js';
import { authenticate, type AuthContext, type SecurityHandlers, type SecurityRequest } from './auth.js';
import { badRequest, describeErrors, gateway, ok, unauthorized, type AnyReply } from './errors.js';
import type { HttpMethod, MockExtensions, RequestProblemHook } from '../behaviour/extensions.js';
import { withNote } from './notes.js';
import type { FlowControl } from '../behaviour/flow-control.js';
import type { HandlerContext, HandlerMap, OperationId } from '../handlers/types.js';
import { checkPath, checkRequest, PARAMETER_ERROR_CODES, type RequestProblem } from './request-check.js';
import type { Tenant } from '../state/tenant.js';

export interface RouteDeps {
  tenant: Tenant;
  handlers: HandlerMap;
  security: SecurityHandlers;
  onRequestProblem?: RequestProblemHook;
  extraMethods?: MockExtensions['extraMethods'];
  flowControl: FlowControl;
}

/** /agentgateway/resource/onlineagent/{agentid} → /agentgateway/resource/onlineagent/:agentid */
export const fastifyPath = (template: string): string => template.replace(/\{([^}]+)\}/g, ':$1');

type AnyHandler = (ctx: HandlerContext<OperationId>) => AnyReply | Promise<AnyReply>;

export function registerOperations(app: FastifyInstance, deps: RouteDeps): void {
  const ops = [...operations().values()];
  const known = new Set(ops.map((o) => o.operationId));
  const missing = ops.filter((o) => !(o.operationId in deps.handlers)).map((o) => o.operationId);
  const extra = Object.keys(deps.handlers).filter((id) => !known.has(id));
  if (missing.length || extra.length) throw new Error(`mock handlers and spec disagree: no handler for [${missing.join(', ')}], no operation for [${extra.join(', ')}]`);
  for (const op of ops) {
    // The handlers are typed by operation; the pipeline has checked the request against that operation's rules.
    const handler = deps.handlers[op.operationId as OperationId] as AnyHandler;
    const methods = [op.method.toUpperCase(), ...(deps.extraMethods?.[op.operationId as OperationId] ?? [])] as HttpMethod[];
    for (const method of methods) {
      app.route({
        method,
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

function securityRequest(request: FastifyRequest, tenant: Tenant): SecurityRequest {
  return {
    query: (request.query ?? {}) as Record<string, unknown>,
    headers: request.headers as Record<string, unknown>,
    params: (request.params ?? {}) as Record<string, string>,
    body: request.body,
    tenant,
  };
}

async function run(op: OperationInfo, handler: AnyHandler, request: FastifyRequest, deps: RouteDeps, auth: AuthContext, note?: string): Promise<AnyReply> {
  const p = securityRequest(request, deps.tenant);
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.query)) if (typeof v === 'string') query[k] = v;
  return withNote(await handler({
    ...deps.tenant,
    operationId: op.operationId as OperationId,
    body: p.body as HandlerContext['body'],
    query: query as HandlerContext['query'],
    params: p.params as HandlerContext['params'],
    headers: p.headers,
    auth,
    faults: request.mockFaults.faults,
    log: request.log,
  }), note);
}

/** What a request problem gets: a refusal (the hook's, else the documented one), or the handler with a note. */
type ProblemOutcome = { refused: AnyReply } | { note?: string };

function problemOutcome(problem: RequestProblem | undefined, op: OperationInfo, deps: RouteDeps): ProblemOutcome {
  if (!problem) return {};
  const answer = deps.onRequestProblem?.(problem, { operationId: op.operationId as OperationId, host: op.host === 'gateway' ? 'gateway' : 'cec' });
  if (answer === 'pass') return {};
  if (answer && 'pass' in answer) return { note: answer.note };
  return { refused: answer ?? documentedProblemAnswer(op.operationId, problem) };
}

/**
 * The documented answer to a request problem. API Fabric: a broken value rule answers the operation's
 * parameter-error code where it documents one; anything else is 400. CC-Gateway: 200 with the parameter retcode.
 */
export function documentedProblemAnswer(operationId: string, problem: RequestProblem): AnyReply {
  if (operations().get(operationId)?.host === 'gateway') return gateway(gatewayParameterCode(operationId), `parameter error: ${describeErrors(problem.errors)}`);
  const code = PARAMETER_ERROR_CODES[operationId];
  if (problem.kind === 'value' && code) return ok({ resultCode: code, resultDesc: `Parameter error: ${describeErrors(problem.errors)}` });
  return badRequest(describeErrors(problem.errors));
}

async function cecPipeline(op: OperationInfo, handler: AnyHandler, request: FastifyRequest, deps: RouteDeps): Promise<AnyReply> {
  const appKey = request.headers['x-app-key'];
  const limited = deps.flowControl.check(op.operationId, typeof appKey === 'string' ? appKey : undefined, request.mockFaults);
  if (limited) return ok(limited);
  const p = securityRequest(request, deps.tenant);
  const auth = authenticate(op, p, deps.security);
  if (!auth.ok) return unauthorized(auth.reason);
  const outcome = problemOutcome(checkRequest(op.operationId, p), op, deps);
  if ('refused' in outcome) return outcome.refused;
  return run(op, handler, request, deps, auth.auth, outcome.note);
}

async function gatewayPipeline(op: OperationInfo, handler: AnyHandler, request: FastifyRequest, deps: RouteDeps): Promise<AnyReply> {
  const p = securityRequest(request, deps.tenant);
  const badPath = checkPath(op.operationId, p.params);
  if (badPath) return gateway('000-002', `bad URL: ${describeErrors(badPath.errors)}`);
  const auth = authenticate(op, p, deps.security);
  if (!auth.ok) return gateway('000-003', `no permission: ${auth.reason}`);
  if (auth.auth.agent && auth.auth.agent.agentId !== p.params.agentid) return gateway('000-003', 'no permission: the Guid belongs to another agent');
  const outcome = problemOutcome(checkRequest(op.operationId, p), op, deps);
  if ('refused' in outcome) return outcome.refused;
  return run(op, handler, request, deps, auth.auth, outcome.note);
}

/** sendmessage's body is a message ("000-006 message parameter error"); elsewhere "000-002 bad URL or parameter". */
export const gatewayParameterCode = (operationId: string): string => (operationId === 'sendMessage' ? '000-006' : '000-002');

/** The CC-Gateway's paths as patterns ({agentid} → one path segment). */
let gatewayPaths: RegExp[] | undefined;
const gatewayPathPatterns = (): RegExp[] => (gatewayPaths ??= [...operations().values()].filter((o) => o.host === 'gateway')
  .map((o) => new RegExp(`^${o.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`)));

/**
 * What the CC-Gateway answers a request on one of its paths under a method it does not serve: HTTP 200 with retcode
 * "000-002" (bad URL), as it answers every other problem; undefined for a path that is not the gateway's.
 */
export function gatewayWrongMethod(method: string, url: string): AnyReply | undefined {
  const path = url.split('?')[0];
  if (!gatewayPathPatterns().some((re) => re.test(path))) return undefined;
  return gateway('000-002', `bad URL: ${path} is not served for ${method}`);
}
