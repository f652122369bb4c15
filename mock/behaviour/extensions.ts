// The mock's named extension points (in the spirit of openapi-backend): everything a caller of buildApp may change
// about how the tenant answers, without a special case in a handler. Each is optional; what is not given is the
// documented behaviour. Tests replace handlers; a profile (profiles/) or a deliberately broken mock is a set of these.
// The profile in force (MOCK_PROFILE, MOCK_STRICT_REQUESTS) lies under the extensions a caller gives (layer()).
//
//   handlers           by operationId: the handler of an operation (the correct ones are HANDLERS, to wrap)
//   securityHandlers   by security scheme: how a credential is read and checked (the correct ones: SECURITY_HANDLERS)
//   onRequestProblem   what to answer when the spec's request check finds a problem
//   postResponse       rewrites an answer after the response check
//   extraMethods       more HTTP methods an operation is also served under
//   delivery           what a message to a customer becomes; what a poll hands out (hooks.ts)
//   tokens             token lifetime and validity (hooks.ts)
import type { SecurityHandler, Scheme } from '../http/auth.js';
import type { AnyReply } from '../http/errors.js';
import type { Handler, OperationId } from '../handlers/types.js';
import type { DeliveryHooks, TokenHooks } from './hooks.js';
import type { RequestProblem } from '../http/request-check.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Where the operation is served: the API Fabric/CEC host or the CC-Gateway. */
export type Host = 'cec' | 'gateway';

/** Runs the handler anyway and tells the client what the mock let go, in the X-Mock-Note response header. */
export interface PassWithNote {
  pass: true;
  note: string;
}

/**
 * The request-problem hook's answer: 'pass' (or a PassWithNote) runs the handler anyway, a reply is answered as it
 * is, undefined leaves it to the layer below (the profile's hook, then the documented answer: 400, 401, the
 * operation's parameter-error result code, or the CC-Gateway's retcode).
 */
export type ProblemAnswer = 'pass' | PassWithNote | AnyReply | undefined;
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

/** Merges two maps of arrays, the arrays of a key concatenated. */
function mergeLists<T>(a: Partial<Record<string, T[]>> | undefined, b: Partial<Record<string, T[]>> | undefined): Partial<Record<string, T[]>> | undefined {
  if (!a || !b) return a ?? b;
  const out: Partial<Record<string, T[]>> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...(out[k] ?? []), ...(v ?? [])];
  return out;
}

/**
 * `over` laid on `base` (a caller's extensions on the profile's): a handler, security handler, delivery or token
 * hook of `over` replaces base's; the request-problem hook of `over` is asked first and base's when it leaves the
 * problem (undefined); post-response hooks run base's first, then over's on the result; extra methods add up.
 */
export function layer(base: MockExtensions, over: MockExtensions): MockExtensions {
  const ask = [over.onRequestProblem, base.onRequestProblem].filter((h): h is RequestProblemHook => h !== undefined);
  const rewrite = [base.postResponse, over.postResponse].filter((h): h is PostResponseHook => h !== undefined);
  return {
    handlers: { ...base.handlers, ...over.handlers } as MockExtensions['handlers'],
    securityHandlers: { ...base.securityHandlers, ...over.securityHandlers },
    onRequestProblem: ask.length > 1 ? (problem, request) => ask[0](problem, request) ?? ask[1](problem, request) : ask[0],
    postResponse: rewrite.length > 1 ? (answer) => {
      const first = rewrite[0](answer);
      return rewrite[1](first ?? answer) ?? first;
    } : rewrite[0],
    extraMethods: mergeLists(base.extraMethods, over.extraMethods) as MockExtensions['extraMethods'],
    delivery: { ...base.delivery, ...over.delivery },
    tokens: { ...base.tokens, ...over.tokens },
  };
}

/** The names of the extension points (for listings and checks). */
export const EXTENSION_POINTS = ['handlers', 'securityHandlers', 'onRequestProblem', 'postResponse', 'extraMethods', 'delivery', 'tokens'] as const satisfies ReadonlyArray<keyof MockExtensions>;
