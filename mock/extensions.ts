// The mock's named extension points (in the spirit of openapi-backend): everything a caller of buildApp may change
// about how the tenant answers, without a special case in a handler. Each is optional; what is not given is the
// documented behaviour. Tests replace handlers; a profile or a deliberately broken mock is a set of these.
//
//   handlers           by operationId: the handler of an operation (the correct ones are HANDLERS, to wrap)
//   securityHandlers   by security scheme: how a credential is read and checked (the correct ones: SECURITY_HANDLERS)
//   onRequestProblem   what to answer when the spec's request check finds a problem
//   postResponse       rewrites an answer after the response check
//   extraMethods       more HTTP methods an operation is also served under
//   delivery           what a message to a customer becomes; what a poll hands out (hooks.ts)
//   tokens             token lifetime and validity (hooks.ts)
import type { SecurityHandler, Scheme } from './auth.js';
import type { AnyReply } from './errors.js';
import type { Handler, OperationId } from './handlers/types.js';
import type { DeliveryHooks, TokenHooks } from './hooks.js';
import type { RequestProblem } from './request-check.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Where the operation is served: the API Fabric/CEC host or the CC-Gateway. */
export type Host = 'cec' | 'gateway';

/**
 * The request-problem hook's answer: 'pass' runs the handler anyway, a reply is answered as it is, undefined leaves
 * the documented answer (400, 401, the operation's parameter-error result code, or the CC-Gateway's retcode).
 */
export type ProblemAnswer = 'pass' | AnyReply | undefined;
export type RequestProblemHook = (problem: RequestProblem, request: { operationId: OperationId; host: Host }) => ProblemAnswer;

/** An answer as it leaves the mock: status, Content-Type and the parsed JSON body (or the text when not JSON). */
export interface OutgoingAnswer {
  operationId: string;
  status: number;
  contentType: string;
  body: unknown;
}
/** Rewrites an answer that passed the response check; undefined leaves it alone. */
export type PostResponseHook = (answer: OutgoingAnswer) => OutgoingAnswer | undefined;

export interface MockExtensions {
  handlers?: { [K in OperationId]?: Handler<K> };
  securityHandlers?: Partial<Record<Scheme, SecurityHandler>>;
  onRequestProblem?: RequestProblemHook;
  postResponse?: PostResponseHook;
  extraMethods?: { [K in OperationId]?: HttpMethod[] };
  delivery?: Partial<DeliveryHooks>;
  tokens?: Partial<TokenHooks>;
}

/** The names of the extension points (for listings and checks). */
export const EXTENSION_POINTS = ['handlers', 'securityHandlers', 'onRequestProblem', 'postResponse', 'extraMethods', 'delivery', 'tokens'] as const satisfies ReadonlyArray<keyof MockExtensions>;
