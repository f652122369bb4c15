// A mutant as the mock's extension points (mock/behaviour/extensions.ts): each seam's hook becomes exactly one extension
// point, and everything the mutant leaves alone stays the mock's own. The mock knows nothing of mutants; this is the
// only place that knows both.
import { bearerToken, SECURITY_HANDLERS, type SecurityRequest } from '../../mock/http/auth.js';
import { ERROR_CODES, errorBody, type AnyReply } from '../../mock/http/errors.js';
import type { MockExtensions } from '../../mock/behaviour/extensions.js';
import { HANDLERS } from '../../mock/handlers/index.js';
import type { Handler, OperationId } from '../../mock/handlers/types.js';
import { DEFAULT_TOKEN_HOOKS } from '../../mock/behaviour/hooks.js';
import type { AgentGuid, ClientToken, FabricToken } from '../../mock/state/model.js';
import type { Mutation, Scheme, Seam } from './types.js';

/** The extension point each seam uses. */
export const EXTENSION_OF_SEAM: Readonly<Record<Seam, keyof MockExtensions>> = Object.freeze({
  handler: 'handlers',
  auth: 'securityHandlers',
  request: 'onRequestProblem',
  routing: 'extraMethods',
  delivery: 'delivery',
  token: 'tokens',
  response: 'postResponse',
});

/** What a server-error mutant answers for bad input: the documented 500, as if the handler had failed on it. */
function serverFailure(operationId: string): AnyReply {
  return { status: 500, body: errorBody(ERROR_CODES.internal, `${operationId}: java.lang.NullPointerException`) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A credential the ignore-* mutants make up from what the request claims, when the real one is missing or wrong. */
export function forgedCredential(scheme: Scheme, request: SecurityRequest): string | FabricToken | ClientToken | AgentGuid {
  const { options, store } = request.tenant;
  const { appKey, channelConfigId } = options.credentials;
  const now = store.now;
  switch (scheme) {
    case 'appKey': return appKey;
    case 'fabricToken': return { token: '(not checked)', appKey, createdAt: now, expiresAt: now + 600_000 };
    case 'ccmessagingToken': {
      const b = isObject(request.body) ? request.body : {};
      const claimed = [b.from, b.userId, request.query.receiverId].find((v): v is string => typeof v === 'string' && v !== '');
      const userId = claimed ?? 'anonymous';
      return { token: '(not checked)', userId, userName: userId, channelId: channelConfigId, locale: 'en_US', appKey, expiresAt: now + 3_600_000 };
    }
    case 'agentGuid': return { guid: '(not checked)', agentId: request.params.agentid ?? options.credentials.agentId, preset: false, active: true };
  }
}

function securityHandlers(m: Mutation): MockExtensions['securityHandlers'] {
  const ignored = m.ignoreCredential;
  if (ignored) {
    return {
      [ignored]: (request: SecurityRequest) => {
        const r = SECURITY_HANDLERS[ignored](request);
        return r !== undefined && 'value' in r ? r : { value: forgedCredential(ignored, request) };
      },
    };
  }
  const accept = m.acceptCredential!;
  return {
    fabricToken: (request: SecurityRequest) => {
      const r = SECURITY_HANDLERS.fabricToken(request);
      const token = bearerToken(request.headers);
      if (r === undefined || !('error' in r) || token === undefined) return r;
      const accepted = accept('fabricToken', token, request.tenant);
      return accepted ? { value: accepted } : r;
    },
  };
}

function wrappedHandlers(m: Mutation): MockExtensions['handlers'] {
  const out: Record<string, unknown> = {};
  for (const [id, wrap] of Object.entries(m.handlers!) as Array<[OperationId, (correct: Handler<OperationId>) => Handler<OperationId>]>) {
    out[id] = wrap(HANDLERS[id] as Handler<OperationId>);
  }
  return out as MockExtensions['handlers'];
}

/** The extension points that make the mock this mutant. */
export function mutantExtensions(m: Mutation): MockExtensions {
  switch (m.seam) {
    case 'handler': return { handlers: wrappedHandlers(m) };
    case 'auth': return { securityHandlers: securityHandlers(m) };
    case 'request': return {
      // The request seam is the API Fabric pipeline's: the CC-Gateway keeps its retcodes.
      onRequestProblem: (problem, { operationId, host }) => {
        if (host !== 'cec') return undefined;
        const what = m.request!(operationId, problem);
        return what === 'crash' ? serverFailure(operationId) : what;
      },
    };
    case 'routing': {
      const extraMethods: NonNullable<MockExtensions['extraMethods']> = {};
      for (const { operationId, method } of m.extraRoutes!) (extraMethods[operationId] ??= []).push(method);
      return { extraMethods };
    }
    case 'delivery': return { delivery: { ...(m.deliver ? { deliver: m.deliver } : {}), ...(m.take ? { take: m.take } : {}) } };
    case 'token': return { tokens: { valid: (kind, token, now) => (kind === 'fabric' && m.tokensNeverExpire) || DEFAULT_TOKEN_HOOKS.valid(kind, token, now) } };
    case 'response': return { postResponse: m.response! };
  }
}
