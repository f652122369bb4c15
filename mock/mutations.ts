// Deliberate defects for mutation testing of the conformance suite (MOCK_MUTATION=<name>, `npm run mutation`).
//
// Each mutant breaks exactly one documented rule and leaves everything else correct. It is applied at the
// narrowest seam that can express it, and every seam is one hook here, read by the module that owns that step:
//
//   handler   a wrapper around the correct handler of one operation          (app.ts, at buildApp)
//   auth      a credential read or forged in the credential check            (auth.ts)
//   request   a request-check problem let through, or answered with a crash  (routes.ts)
//   routing   an operation also served under a method it does not document   (routes.ts)
//   delivery  what a message to the customer becomes, what a poll hands out  (store.ts)
//   token     token expiry                                                    (store.ts)
//   response  the answer rewritten AFTER the spec check of its body          (mutation-hook.ts, onSend after response-check.ts)
//
// So the mock's own response validation still guards everything the mutant does not touch, and a response mutant
// is not turned into a 500 by it. A mutant with `dropped` set breaks a rule no client can observe through the
// documented API; `npm run mutation` lists it with the reason instead of running it.
import type { RequestProblem } from './request-check.js';
import type { HandlerMap, OperationId } from './handlers/index.js';
import type { Handler, HandlerContext } from './handlers/types.js';
import type { DownlinkMessage } from './downlink.js';
import type { AgentGuid, ClientToken, FabricToken, MockStore, UserState } from './store.js';
import type { MockOptions } from './options.js';
import { decodeBase64Strict, MAX_FILE_BYTES } from './handlers/files.js';
import { gateway, ok, type Reply } from './errors.js';
import { EXPLORATION_MUTATIONS } from './mutations-explore.js';

export type Area = 'response' | 'status' | 'auth' | 'isolation' | 'delivery' | 'files' | 'rules' | 'server-error' | 'token';
export type Seam = 'handler' | 'auth' | 'request' | 'routing' | 'delivery' | 'token' | 'response';
export type Scheme = 'appKey' | 'fabricToken' | 'ccmessagingToken' | 'agentGuid';

/** An answer as it leaves the mock: status, headers and the parsed JSON body (or the text when not JSON). */
export interface OutgoingAnswer {
  operationId: string;
  status: number;
  contentType: string;
  body: unknown;
}

/** What the request says about who is acting, for a forged credential (ignore-* mutants). */
export interface Claims {
  body: unknown;
  query: Record<string, unknown>;
  params: Record<string, string>;
}

export interface Mutation {
  area: Area;
  /** The documented rule the mutant breaks, with where it is written. */
  rule: string;
  /** What the mutant does. */
  how: string;
  seam: Seam;
  /** Set when no client can observe the defect through the documented API: why. Not run by `npm run mutation`. */
  dropped?: string;

  /** handler: the mutated handler of one operation, given the correct one. */
  handlers?: Partial<Record<OperationId, (correct: Handler) => Handler>>;
  /** auth: this credential is not checked; a missing or wrong one is replaced by what the request claims. */
  ignoreCredential?: Scheme;
  /** auth: a value of `scheme` the correct check refuses, accepted anyway (undefined: refuse as usual). */
  acceptCredential?: (scheme: Scheme, value: string, store: MockStore) => FabricToken | undefined;
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

// ---------------------------------------------------------------------------------------------------------------
// Small helpers for the hooks.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A response hook for one operation's JSON answers with this status. */
const on = (operationId: string, status: number, edit: (body: Json) => Json | undefined) =>
  (a: OutgoingAnswer): OutgoingAnswer | undefined => {
    if (a.operationId !== operationId || a.status !== status || !isObject(a.body)) return undefined;
    const body = edit(structuredClone(a.body));
    return body === undefined ? undefined : { ...a, body };
  };
const succeeded = (b: Json): boolean => (b.resultCode ?? b.returnCode) === '0';
/** Runs the correct handler with another ccmessaging-token user (the isolation mutants). */
const asUser = (ctx: HandlerContext, userId: string): HandlerContext => ({ ...ctx, auth: { ...ctx.auth, client: { ...ctx.auth.client!, userId } } });
const bodyOf = <T>(ctx: HandlerContext): T => ctx.body as T;
const resultOf = (r: Reply): Json => (isObject(r.body) ? r.body : {});

/** Per-user counters and carried messages of the delivery mutants (keyed by the store's user objects). */
const agentMessagesSeen = new WeakMap<UserState, number>();
const carried = new WeakMap<UserState, DownlinkMessage[]>();

const htmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const reencode = (fileStream: unknown, change: (bytes: Buffer) => Buffer | string): string | undefined => {
  if (typeof fileStream !== 'string') return undefined;
  const out = change(Buffer.from(fileStream, 'base64'));
  return typeof out === 'string' ? out : out.toString('base64');
};

// ---------------------------------------------------------------------------------------------------------------
// The catalogue.

export const MUTATIONS = {
  // --- response types and required fields, across the operations (applied after the spec check) --------------
  'token-expires-number': {
    area: 'response', seam: 'response',
    rule: 'tokenByAkSk answers every value as a string (facts, Tokens): Expires is "600", not 600',
    how: 'tokenByAkSk answers Expires as a JSON number',
    response: on('tokenByAkSk', 200, (b) => ({ ...b, Expires: Number(b.Expires) })),
  },
  'applytoken-token-missing': {
    area: 'response', seam: 'response',
    rule: 'applyToken\'s success carries the token (seed 000 table 3-2: token mandatory)',
    how: 'applyToken answers resultCode "0" without the token',
    response: on('applyToken', 200, (b) => {
      if (b.token === undefined) return undefined;
      delete b.token;
      return b;
    }),
  },
  'poll-list-missing': {
    area: 'response', seam: 'response',
    rule: 'poll always answers downlinkMessages (seed 000 table 5-1, mandatory), an empty list when nothing is pending',
    how: 'poll leaves downlinkMessages out when nothing is pending',
    response: on('poll', 200, (b) => {
      if (!Array.isArray(b.downlinkMessages) || b.downlinkMessages.length) return undefined;
      delete b.downlinkMessages;
      return b;
    }),
  },
  'downlink-simquestions-missing': {
    area: 'response', seam: 'response',
    rule: 'every downlink message carries simQuestions (seed 000 table 5-1, mandatory; null allowed, E5)',
    how: 'poll\'s messages lack simQuestions',
    response: on('poll', 200, (b) => {
      if (!Array.isArray(b.downlinkMessages) || !b.downlinkMessages.length) return undefined;
      for (const m of b.downlinkMessages as Json[]) delete m.simQuestions;
      return b;
    }),
  },
  'queue-times-strings': {
    area: 'response', seam: 'response',
    rule: 'queryQueueInfo\'s position and waiting times are integers (seed 000 chapter 4 response table)',
    how: 'queryQueueInfo answers position and the waiting times as strings',
    response: on('queryQueueInfo', 200, (b) => {
      if (b.position === undefined) return undefined;
      for (const k of ['position', 'totalWaitTime', 'currentDeviceWaitTime', 'configMaxcWaitTime', 'longestWaitTime', 'estimateWaitTime']) {
        if (typeof b[k] === 'number') b[k] = String(b[k]);
      }
      return b;
    }),
  },
  'upload-objectkey-missing': {
    area: 'response', seam: 'response',
    rule: 'uploadFileStream\'s success answers the objectKey that later messages and downloads refer to (seed 000 table 8-2)',
    how: 'uploadFileStream answers "0" without objectKey',
    response: on('uploadFileStream', 200, (b) => {
      if (!succeeded(b) || b.objectKey === undefined) return undefined;
      delete b.objectKey;
      return b;
    }),
  },
  'feedback-resultcode-number': {
    area: 'response', seam: 'response',
    rule: 'feedbackSatisfaction\'s resultCode is a string (seed 002 table 2)',
    how: 'feedbackSatisfaction answers resultCode as a JSON number',
    response: on('feedbackSatisfaction', 200, (b) => (typeof b.resultCode === 'string' && /^[0-9]+$/.test(b.resultCode) ? { ...b, resultCode: Number(b.resultCode) } : undefined)),
  },
  'phrases-missing': {
    area: 'response', seam: 'response',
    rule: 'queryPhraseByKeyword\'s success carries the phrases (seed 000 table 10-2, mandatory; question in the example, E11)',
    how: 'queryPhraseByKeyword answers "0" without phrases or question',
    response: on('queryPhraseByKeyword', 200, (b) => {
      if (!succeeded(b)) return undefined;
      delete b.phrases;
      delete b.question;
      return b;
    }),
  },
  'clicktocall-flags-strings': {
    area: 'response', seam: 'response',
    rule: 'checkClickToCallSupport\'s webRTCSupported and clickToCallSupported are booleans (seed 000 chapter 13)',
    how: 'checkClickToCallSupport answers the two flags as "true"/"false" strings',
    response: on('checkClickToCallSupport', 200, (b) => ({ ...b, webRTCSupported: String(b.webRTCSupported), clickToCallSupported: String(b.clickToCallSupported) })),
  },
  'createcall-sip-missing': {
    area: 'response', seam: 'response',
    rule: 'createcall\'s resultData carries sipServiceAddress (seed 000 chapter 16, mandatory in resultData)',
    how: 'createMobileAgentCall answers resultData without sipServiceAddress',
    response: on('createMobileAgentCall', 200, (b) => {
      if (!isObject(b.resultData)) return undefined;
      delete b.resultData.sipServiceAddress;
      return b;
    }),
  },
  'agent-retcode-number': {
    area: 'response', seam: 'response',
    rule: 'the CC-Gateway\'s retcode is a string ("0" success; seed 003 response table)',
    how: 'sendmessage answers retcode as a JSON number',
    response: on('sendMessage', 200, (b) => (typeof b.retcode === 'string' && /^[0-9]+$/.test(b.retcode) ? { ...b, retcode: Number(b.retcode) } : undefined)),
  },

  // --- status codes and content type -------------------------------------------------------------------------
  'download-content-type-text': {
    area: 'status', seam: 'response',
    rule: 'answers are application/json (seed 000 chapter 1, request/response conventions)',
    how: 'downloadFileStream\'s answers are labelled Content-Type text/plain',
    response: (a) => (a.operationId === 'downloadFileStream' ? { ...a, contentType: 'text/plain; charset=utf-8' } : undefined),
  },
  'send-status-202': {
    area: 'status', seam: 'response',
    rule: 'send answers HTTP 200 (seed 000 chapter 7: status 200 on success)',
    how: 'send answers HTTP 202 instead of 200 when it accepts a message',
    response: (a) => (a.operationId === 'send' && a.status === 200 ? { ...a, status: 202 } : undefined),
  },
  'error-body-html': {
    area: 'status', seam: 'response',
    rule: 'a refusal outside 200 is JSON {errorCode, exceptionInfo} (facts: the API Fabric gateway\'s error body)',
    how: 'every 400 and 401 is an HTML page (text/html)',
    response: (a) => (a.status === 400 || a.status === 401
      ? { ...a, contentType: 'text/html; charset=utf-8', body: `<html><body><h1>${a.status} Error</h1></body></html>` }
      : undefined),
  },
  'bad-request-as-200': {
    area: 'status', seam: 'response',
    rule: 'a malformed request is refused with 400 (seed 000 chapter 1 status codes), not answered as a success',
    how: 'every 400 becomes HTTP 200 with only a resultDesc (no result code)',
    response: (a) => (a.status === 400 && isObject(a.body)
      ? { ...a, status: 200, body: { resultDesc: String(a.body.exceptionInfo ?? 'bad request') } }
      : undefined),
  },
  'poll-answers-post': {
    area: 'status', seam: 'routing',
    rule: 'poll is GET /apiaccess/ccmessaging/poll (seed 000 chapter 5); other methods are not served',
    how: 'poll is also served for POST',
    extraRoutes: [{ operationId: 'poll', method: 'POST' }],
  },

  // --- credentials ------------------------------------------------------------------------------------------
  'ignore-app-key': {
    area: 'auth', seam: 'auth',
    rule: 'x-app-key is mandatory and must be the app key (seed 000 header tables)',
    how: 'x-app-key is not checked: missing or wrong passes',
    ignoreCredential: 'appKey',
  },
  'ignore-bearer-token': {
    area: 'auth', seam: 'auth',
    rule: 'Authorization: Bearer <AccessToken> is mandatory and must be a live token (seed 000 chapter 2 and header tables)',
    how: 'the Bearer token is not checked: missing or wrong passes',
    ignoreCredential: 'fabricToken',
  },
  'ignore-ccmessaging-token': {
    area: 'auth', seam: 'auth',
    rule: 'ccmessaging-token is mandatory and identifies the customer (seed 000 header tables)',
    how: 'the ccmessaging-token is not checked: missing or wrong passes, the user is taken from the request',
    ignoreCredential: 'ccmessagingToken',
  },
  'ignore-agent-guid': {
    area: 'auth', seam: 'auth',
    rule: 'every CC-Gateway call after sign-in carries the agent\'s Guid (facts, Agent side; "000-003" without it)',
    how: 'the Guid is not checked: missing or wrong passes for the agent in the path',
    ignoreCredential: 'agentGuid',
  },
  'accept-wrong-app-secret': {
    area: 'auth', seam: 'handler',
    rule: 'tokenByAkSk issues a token only for the app key with its secret (seed 000 chapter 2)',
    how: 'tokenByAkSk checks the app key but not the app secret',
    handlers: {
      tokenByAkSk: (correct) => (ctx) => {
        const b = bodyOf<{ app_key: string; app_secret: string }>(ctx);
        const { appKey, appSecret } = ctx.options.credentials;
        return correct(b.app_key === appKey ? { ...ctx, body: { ...b, app_secret: appSecret } } : ctx);
      },
    },
  },
  'ccmessaging-token-as-bearer': {
    area: 'auth', seam: 'auth',
    rule: 'Authorization carries the API Fabric AccessToken (seed 000 chapter 2), not the ccmessaging-token',
    how: 'a ccmessaging-token is accepted as the Bearer token',
    acceptCredential: (scheme, value, store) => {
      if (scheme !== 'fabricToken') return undefined;
      const client = store.clientToken(value);
      return client ? { token: value, appKey: client.appKey, createdAt: store.now, expiresAt: client.expiresAt } : undefined;
    },
  },

  // --- isolation between customers ----------------------------------------------------------------------------
  'poll-by-receiverid': {
    area: 'isolation', seam: 'handler',
    rule: 'poll returns the messages of the token\'s user only (seed 000 chapter 5)',
    how: 'poll hands out the messages of whatever receiverId names',
    handlers: {
      poll: (correct) => (ctx) => (ctx.query.receiverId ? correct(asUser(ctx, ctx.query.receiverId)) : correct(ctx)),
    },
  },
  'download-any-owner': {
    area: 'isolation', seam: 'handler',
    rule: 'a customer downloads only files of their own session ("401" not authorised for the file)',
    how: 'downloadFileStream serves any customer\'s file to whoever asks',
    handlers: {
      downloadFileStream: (correct) => (ctx) => {
        const fileId = bodyOf<{ fileId: string }>(ctx).fileId;
        const owner = ctx.store.files.get(fileId.replace(/^local\//, ''))?.owner;
        return correct(owner ? asUser(ctx, owner) : ctx);
      },
    },
  },
  'send-as-from': {
    area: 'isolation', seam: 'handler',
    rule: 'send acts for the ccmessaging-token\'s user (seed 000 chapter 7: from is the customer\'s user ID)',
    how: 'send acts as whichever user `from` names',
    handlers: {
      send: (correct) => (ctx) => correct(asUser(ctx, bodyOf<{ from: string }>(ctx).from)),
    },
  },
  'broadcast-robot-messages': {
    area: 'isolation', seam: 'delivery',
    rule: 'poll returns the pending messages of the user (seed 000 chapter 5), no one else\'s',
    how: 'every robot message is also queued for every other customer in a session',
    deliver: (store, user, msg) => {
      const out: Array<[UserState, DownlinkMessage]> = [[user, msg]];
      if (msg.sourceType !== 'ROBOT') return out;
      for (const other of store.users.values()) {
        if (other !== user && other.session && other.session.state !== 'ended') out.push([other, msg]);
      }
      return out;
    },
  },

  // --- delivery of messages to the customer -------------------------------------------------------------------
  'lose-agent-message': {
    area: 'delivery', seam: 'delivery',
    rule: 'each message the agent sends reaches the customer (seed 003 sendmessage, seed 000 chapter 5 poll)',
    how: 'the second agent message to each customer is lost',
    deliver: (_store, user, msg) => {
      if (msg.sourceType !== 'AGENT') return [[user, msg]];
      const n = (agentMessagesSeen.get(user) ?? 0) + 1;
      agentMessagesSeen.set(user, n);
      return n === 2 ? [] : [[user, msg]];
    },
  },
  'duplicate-message': {
    area: 'delivery', seam: 'delivery',
    rule: 'poll delivers each pending message once (seed 000 chapter 5: the pending messages; messageCode unique per message)',
    how: 'the last message a poll handed out comes again with the next poll',
    take: (user, pending) => {
      const again = carried.get(user) ?? [];
      carried.set(user, pending.slice(-1));
      return [...again, ...pending];
    },
  },
  'reorder-messages': {
    area: 'delivery', seam: 'delivery',
    rule: 'poll delivers the pending messages in the order they were sent (seed 000 chapter 5)',
    how: 'poll hands out the pending messages newest first',
    take: (_user, pending) => [...pending].reverse(),
  },
  'alter-agent-message': {
    area: 'delivery', seam: 'delivery',
    rule: 'the customer receives the agent\'s text as sent (seed 003 data.content → seed 000 downlink content)',
    how: 'agent text is HTML-escaped on the way (& < > " \' become entities)',
    deliver: (_store, user, msg) => [[user, msg.sourceType === 'AGENT' && msg.mediaType === 'TEXT' ? { ...msg, content: htmlEscape(msg.content) } : msg]],
  },

  // --- file integrity -----------------------------------------------------------------------------------------
  'file-truncated': {
    area: 'files', seam: 'response',
    rule: 'downloadFileStream gives back the file\'s bytes (seed 000 chapters 8–9)',
    how: 'the downloaded file misses its last byte',
    response: on('downloadFileStream', 200, (b) => {
      const fileStream = reencode(b.fileStream, (bytes) => bytes.subarray(0, Math.max(0, bytes.length - 1)));
      return fileStream === undefined ? undefined : { ...b, fileStream };
    }),
  },
  'file-corrupted': {
    area: 'files', seam: 'response',
    rule: 'downloadFileStream gives back the file\'s bytes (seed 000 chapters 8–9)',
    how: 'one byte in the middle of the downloaded file is flipped (same size)',
    response: on('downloadFileStream', 200, (b) => {
      const fileStream = reencode(b.fileStream, (bytes) => {
        const copy = Buffer.from(bytes);
        if (copy.length) copy[Math.floor(copy.length / 2)] ^= 0x20;
        return copy;
      });
      return fileStream === undefined ? undefined : { ...b, fileStream };
    }),
  },
  'file-base64url': {
    area: 'files', seam: 'response',
    rule: 'fileStream is base64 (seed 000 table 9-2; RFC 4648 section 4 alphabet, padded)',
    how: 'downloadFileStream encodes the file base64url without padding (- and _ instead of + and /)',
    response: on('downloadFileStream', 200, (b) => {
      const fileStream = reencode(b.fileStream, (bytes) => bytes.toString('base64url'));
      return fileStream === undefined || fileStream === b.fileStream ? undefined : { ...b, fileStream };
    }),
  },
  'download-stream-missing': {
    area: 'files', seam: 'response',
    rule: 'downloadFileStream\'s success carries the fileStream (seed 000 table 9-2)',
    how: 'downloadFileStream answers "0" without fileStream',
    response: on('downloadFileStream', 200, (b) => {
      if (b.fileStream === undefined || b.resultCode === undefined) return undefined;
      delete b.fileStream;
      return b;
    }),
  },

  // --- documented bounds and business rules ---------------------------------------------------------------------
  'accept-long-text': {
    area: 'rules', seam: 'request',
    rule: 'a TEXT message is at most 1 KB (facts, Messages; spec SendMessageRequest)',
    how: 'send accepts TEXT content over 1024 characters',
    request: (operationId, problem) => (operationId === 'send'
      && problem.errors.some((e) => e.pointer === '/body/content' && e.keyword === 'maxLength')
      && problem.errors.every((e) => (e.pointer === '/body/content' && e.keyword === 'maxLength') || ['if', 'then'].includes(e.keyword)) ? 'pass' : undefined),
  },
  'accept-big-file': {
    area: 'rules', seam: 'handler',
    rule: 'uploadFileStream takes files up to 2 MB (seed 000 chapter 8; facts)',
    how: 'uploadFileStream stores files over 2 MB',
    handlers: {
      uploadFileStream: (correct) => (ctx) => {
        const b = bodyOf<{ fileType: string; fileStream: string }>(ctx);
        const bytes = b.fileStream.length > 4 * MAX_FILE_BYTES / 3 ? decodeBase64Strict(b.fileStream) : undefined;
        if (!bytes || bytes.length <= MAX_FILE_BYTES) return correct(ctx);
        const objectKey = ctx.store.ids.uuid();
        ctx.store.storeFile({ objectKey, owner: ctx.auth.client!.userId, fileType: b.fileType, bytes });
        return ok({ resultCode: '0', resultDesc: 'upload success', objectKey });
      },
    },
  },
  'accept-feedback-without-content': {
    area: 'rules', seam: 'handler',
    rule: 'feedbackContent is required when feedback is 0 ("30000000008", seed 002)',
    how: 'feedbackSatisfaction accepts "dissatisfied" without feedbackContent',
    handlers: {
      feedbackSatisfaction: (correct) => (ctx) => {
        const b = bodyOf<{ feedback: number; feedbackContent?: string }>(ctx);
        return correct(b.feedback === 0 && !b.feedbackContent ? { ...ctx, body: { ...b, feedbackContent: '(none)' } } : ctx);
      },
    },
  },
  'accept-unknown-channel': {
    area: 'rules', seam: 'handler',
    rule: 'send\'s `to` is the channel configuration ID (facts, Messages)',
    how: 'send accepts any `to`',
    handlers: {
      send: (correct) => (ctx) => correct({ ...ctx, body: { ...bodyOf<Json>(ctx), to: ctx.options.credentials.channelConfigId } }),
    },
  },
  'queue-info-before-connect': {
    area: 'rules', seam: 'handler',
    rule: 'queryQueueInfo answers only after CONNECT (facts, Messages; "160004" session does not exist)',
    how: 'queryQueueInfo answers "0" (position 0) for a customer without a session',
    handlers: {
      queryQueueInfo: (correct) => async (ctx) => {
        const r = await correct(ctx);
        if (resultOf(r).resultCode !== '160004') return r;
        return ok({ resultCode: '0', resultDesc: 'Queued.', position: 0, totalWaitTime: 0, currentDeviceWaitTime: 0, configMaxcWaitTime: ctx.options.sessionIdleS, longestWaitTime: 0, estimateWaitTime: 0 });
      },
    },
  },
  'accept-evaluation-out-of-range': {
    area: 'rules', seam: 'request',
    rule: 'saveSatisfaction\'s evaluation is "1" to "5" (seed 000 table 6-1)',
    how: 'saveSatisfaction accepts any evaluation',
    request: (operationId, problem) => (operationId === 'saveSatisfaction' && problem.errors.every((e) => e.pointer === '/body/evaluation' && e.keyword === 'enum') ? 'pass' : undefined),
  },
  'accept-long-called-number': {
    area: 'rules', seam: 'request',
    rule: 'createcall\'s called number is at most 32 characters (seed 000 chapter 16; "30010000003")',
    how: 'createMobileAgentCall accepts a called number over 32 characters',
    request: (operationId, problem) => (operationId === 'createMobileAgentCall' && problem.errors.every((e) => e.pointer === '/body/called' && e.keyword === 'maxLength') ? 'pass' : undefined),
  },
  'sendmessage-unknown-call': {
    area: 'rules', seam: 'handler',
    rule: 'sendmessage needs the agent\'s own call (seed 003: callid mandatory; "000-006" message parameter error)',
    how: 'sendmessage to a call that does not exist answers "0" (the message goes nowhere)',
    handlers: {
      sendMessage: (correct) => (ctx) => (ctx.store.calls.has(bodyOf<{ callid: string }>(ctx).callid) ? correct(ctx) : gateway('0', 'success')),
    },
  },

  // --- a server error on bad input ------------------------------------------------------------------------------
  'crash-on-malformed-json': {
    area: 'server-error', seam: 'request',
    rule: 'a request that is not JSON is refused as a bad request (400), not a server failure',
    how: 'a body that is not JSON answers 500',
    request: (_operationId, problem) => (problem.errors.some((e) => e.keyword === 'json') ? 'crash' : undefined),
  },
  'crash-on-missing-field': {
    area: 'server-error', seam: 'request',
    rule: 'a request without a mandatory field is refused (400 or a parameter-error code), not a server failure',
    how: 'a missing mandatory body field answers 500 (as if the handler dereferenced it)',
    request: (_operationId, problem) => (problem.where === 'body' && problem.errors.some((e) => e.keyword === 'required') ? 'crash' : undefined),
  },

  // --- token lifetime -----------------------------------------------------------------------------------------
  'token-expire-ignored': {
    area: 'token', seam: 'handler',
    rule: 'X-Token-Expire sets the AccessToken\'s lifetime (seed 000 chapter 2; facts: at most 3600 s)',
    how: 'tokenByAkSk ignores X-Token-Expire and always issues 600 s',
    handlers: {
      tokenByAkSk: (correct) => (ctx) => {
        const headers = { ...ctx.headers };
        delete headers['x-token-expire'];
        return correct({ ...ctx, headers });
      },
    },
  },
  'expired-token-accepted': {
    area: 'token', seam: 'token',
    rule: 'an AccessToken works only for its Expires seconds (seed 000 chapter 2)',
    how: 'expired AccessTokens are still accepted',
    tokensNeverExpire: true,
  },
  'accept-token-expire-over-max': {
    area: 'token', seam: 'request',
    rule: 'X-Token-Expire is at most 3600 seconds (facts, Tokens)',
    how: 'tokenByAkSk issues tokens for any X-Token-Expire',
    request: (operationId, problem) => (operationId === 'tokenByAkSk' && problem.errors.every((e) => e.pointer === '/header/X-Token-Expire' && e.keyword === 'maximum') ? 'pass' : undefined),
  },

  // --- dropped: defects no client can observe through the documented API ----------------------------------------
  'satisfaction-not-recorded': {
    area: 'rules', seam: 'handler',
    rule: 'saveSatisfaction saves the evaluation (seed 000 chapter 6)',
    how: 'saveSatisfaction answers "0" but keeps nothing',
    dropped: 'no documented operation reads an evaluation back: the answer is identical, only the tenant\'s own records differ',
    handlers: {
      saveSatisfaction: (correct) => async (ctx) => {
        const before = ctx.store.records.satisfaction.length;
        const r = await correct(ctx);
        ctx.store.records.satisfaction.length = before;
        return r;
      },
    },
  },
  'customer-text-not-kept': {
    area: 'delivery', seam: 'handler',
    rule: 'the customer\'s chat text reaches the agent (facts, Agent side: AgentEvent_MessageData)',
    how: 'send CHAT to an agent answers "0" but the text is not kept for the call',
    dropped: 'the agent\'s event poll (GET agentevent) is not in the documents or the spec; no documented answer changes',
    handlers: {
      send: (correct) => async (ctx) => {
        const s = ctx.store.users.get(ctx.auth.client!.userId)?.session;
        const before = s?.customerMessages.length;
        const r = await correct(ctx);
        if (s && before !== undefined && s.state !== 'robot') s.customerMessages.length = before;
        return r;
      },
    },
  },
  ...EXPLORATION_MUTATIONS, // mutants only the exploration's orders of steps show (mock/mutations-explore.ts)
} satisfies Record<string, Mutation>;

export type MutationName = keyof typeof MUTATIONS;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name);
}

/** The mutation the options ask for (undefined: the correct mock). */
export function mutationOf(options: Pick<MockOptions, 'mutation'>): Mutation | undefined {
  const name = options.mutation;
  if (name === undefined) return undefined;
  if (!isMutationName(name)) throw new Error(unknownMutation(name));
  return MUTATIONS[name];
}

export function unknownMutation(name: string): string {
  return `unknown mutation "${name}"; valid names: ${MUTATION_NAMES.join(', ')}`;
}

/** The handler table with the mutation's handler wrappers applied. */
export function mutateHandlers(handlers: HandlerMap, mutation: Mutation | undefined): HandlerMap {
  if (!mutation?.handlers) return handlers;
  const out = { ...handlers };
  for (const [id, wrap] of Object.entries(mutation.handlers) as Array<[OperationId, (h: Handler) => Handler]>) out[id] = wrap(handlers[id]);
  return out;
}

/** A credential the ignore-* mutants make up from what the request claims, when the real one is missing or wrong. */
export function forgedCredential(scheme: Scheme, claims: Claims, store: MockStore, options: MockOptions): string | FabricToken | ClientToken | AgentGuid {
  const { appKey, channelConfigId } = options.credentials;
  const now = store.now;
  switch (scheme) {
    case 'appKey': return appKey;
    case 'fabricToken': return { token: '(not checked)', appKey, createdAt: now, expiresAt: now + 600_000 };
    case 'ccmessagingToken': {
      const b = isObject(claims.body) ? claims.body : {};
      const claimed = [b.from, b.userId, claims.query.receiverId].find((v): v is string => typeof v === 'string' && v !== '');
      const userId = claimed ?? 'anonymous';
      return { token: '(not checked)', userId, userName: userId, channelId: channelConfigId, locale: 'en_US', appKey, expiresAt: now + 3_600_000 };
    }
    case 'agentGuid': return { guid: '(not checked)', agentId: claims.params.agentid ?? options.credentials.agentId, preset: false, active: true };
  }
}
