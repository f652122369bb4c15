// A mutant: the mock tenant with exactly one deliberate defect, for mutation testing of the conformance suite. Each
// entry of the catalogue names the documented rule it breaks and what it does, and carries the one hook of its seam;
// hooks.ts turns that hook into the mock's extension points (mock/behaviour/extensions.ts).
import type { Scheme, SecurityRequest } from '../../mock/http/auth.js';
import type { DownlinkMessage } from '../../mock/state/downlink.js';
import type { OutgoingAnswer } from '../../mock/behaviour/extensions.js';
import type { Handler, OperationId } from '../../mock/handlers/types.js';
import type { FabricToken, UserState } from '../../mock/state/model.js';
import type { RequestProblem } from '../../mock/http/request-check.js';
import type { MockStore } from '../../mock/state/store.js';
import type { Tenant } from '../../mock/state/tenant.js';
import type { Strength } from '../../src/contract/rules.js';

export type { OutgoingAnswer, Scheme, Strength };

export type Area = 'response' | 'status' | 'auth' | 'isolation' | 'delivery' | 'files' | 'rules' | 'acceptance' | 'server-error' | 'token';

/**
 * Where a mutant acts, narrowest first that can express it:
 *   handler   a wrapper around the correct handler of one operation          (extension point: handlers)
 *   auth      a credential read or forged in the credential check            (securityHandlers)
 *   request   a request-check problem let through, or answered with a crash  (onRequestProblem)
 *   routing   an operation also served under a method it does not document   (extraMethods)
 *   delivery  what a message to the customer becomes, what a poll hands out  (delivery)
 *   token     token expiry                                                    (tokens)
 *   response  the answer rewritten AFTER the spec check of its body          (postResponse)
 */
export type Seam = 'handler' | 'auth' | 'request' | 'routing' | 'delivery' | 'token' | 'response';

/** What the request says about who is acting, for a forged credential (ignore-* mutants). */
export type Claims = Pick<SecurityRequest, 'body' | 'query' | 'params'>;

export type HandlerWrappers = { [K in OperationId]?: (correct: Handler<K>) => Handler<K> };

/**
 * Which calls of a mutant's operations run its defect, by how the clean tenant answered them (coverage.ts):
 *   any           every call
 *   refused       calls it refused (a status outside 2xx, a result code other than "0"): a mutant that accepts what
 *                 should be refused, or changes a refusal
 *   invalid       calls its request check refused (HTTP 400, or a negative test's malformed or out-of-bounds input)
 *   unauthorized  calls its credential check refused (HTTP 401, or a negative test's withheld or wrong credential)
 */
export type CallsMet = 'any' | 'refused' | 'invalid' | 'unauthorized';

export interface Mutation {
  area: Area;
  /** The documented rule the mutant breaks, with where it is written. */
  rule: string;
  /**
   * How strong that rule is (src/contract/rules.ts; default refuse). refuse: the four documents state it, so the suite
   * must fail the mutant (killed). guidance: an example value, a fact from outside the four documents, a choice of the
   * spec; the mutant is a lawful tenant that does otherwise, so the suite must warn and fail nothing (warned).
   */
  strength?: Strength;
  /** What the mutant does. */
  how: string;
  seam: Seam;
  /**
   * The operations whose calls run the defect: a test that calls none of them cannot meet the mutant (the fast mode
   * runs only the tests that did, in the clean run). '*' for every operation. Not given where the hook names them
   * (handlers, extraRoutes, the scheme of an auth mutant, a response hook made with `on()`): derived (operations.ts).
   */
  operations?: readonly OperationId[] | '*';
  /** Which of those calls run the defect (default: derived from the seam; see operations.ts). */
  calls?: CallsMet;
  /** Set when no client can observe the defect through the documented API: why. Not run by `npm run mutation`. */
  dropped?: string;
  /**
   * Set when only an order of steps or two requests at once shows the defect, which no fixed test of the suite takes:
   * `npm run mutation` runs a bounded model-based exploration (products/explore/) against it instead of the suite.
   */
  killedBy?: 'exploration';

  /** handler: the mutated handler of one operation, given the correct one. */
  handlers?: HandlerWrappers;
  /** auth: this credential is not checked; a missing or wrong one is replaced by what the request claims. */
  ignoreCredential?: Scheme;
  /** auth: a value of `scheme` the correct check refuses, accepted anyway (undefined: refuse as usual). */
  acceptCredential?: (scheme: Scheme, value: string, tenant: Tenant) => FabricToken | undefined;
  /** request: what to do with a problem the request check found ('pass' = let the handler run, 'crash' = 500). */
  request?: (operationId: string, problem: RequestProblem) => 'pass' | 'crash' | undefined;
  /** routing: extra (operationId, method) routes. */
  extraRoutes?: Array<{ operationId: OperationId; method: 'GET' | 'POST' | 'PUT' | 'DELETE' }>;
  /** delivery: the (user, message) pairs a message to `user` really becomes. */
  deliver?: (store: MockStore, user: UserState, msg: DownlinkMessage) => Array<[UserState, DownlinkMessage]>;
  /** delivery: what a poll hands out, given the pending messages (the outbox is emptied either way). */
  take?: (user: UserState, pending: DownlinkMessage[]) => DownlinkMessage[];
  /** token: API Fabric AccessTokens never expire. */
  tokensNeverExpire?: boolean;
  /** response: rewrites an answer after the spec check (return undefined to leave it alone). */
  response?: (answer: OutgoingAnswer) => OutgoingAnswer | undefined;
}

