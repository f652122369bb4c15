// Credentials as the spec's security requirements say: every credential that is present must be valid, and at least
// one alternative must be met by the present ones. So a mandatory credential that is missing fails, and an optional
// one (queryQueueInfo, createClickToCall, appKey/fabricToken on queryPhraseByKeyword) fails only when wrong.
// The CC-Gateway's Guid is checked here too, but answered with a retcode by the pipeline.
import type { OperationInfo } from '../src/contract/spec.js';
import type { MockOptions } from './options.js';
import type { AgentGuid, ClientToken, FabricToken, MockStore } from './store.js';
import { forgedCredential, mutationOf, type Claims, type Scheme } from './mutations.js';

export interface AuthContext {
  appKey?: string;
  fabric?: FabricToken;
  client?: ClientToken;
  agent?: AgentGuid;
}

export type AuthOutcome = { ok: true; auth: AuthContext } | { ok: false; scheme: string; reason: string };

type Headers = Record<string, unknown>;
const header = (headers: Headers, name: string): string | undefined => {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** Reads one scheme's credential: undefined when absent, else the resolved value or an error. */
function read(scheme: string, headers: Headers, store: MockStore, options: MockOptions): undefined | { value: unknown } | { error: string } {
  switch (scheme) {
    case 'appKey': {
      const v = header(headers, 'x-app-key');
      if (v === undefined) return undefined;
      return v === options.credentials.appKey ? { value: v } : { error: 'unknown x-app-key' };
    }
    case 'fabricToken': {
      const v = header(headers, 'authorization');
      if (v === undefined) return undefined;
      const m = /^Bearer +(\S+)$/i.exec(v.trim());
      if (!m) return { error: 'Authorization is not "Bearer <AccessToken>"' };
      const t = store.fabricToken(m[1]) ?? mutationOf(options)?.acceptCredential?.('fabricToken', m[1], store);
      return t ? { value: t } : { error: 'the AccessToken is unknown or has expired' };
    }
    case 'ccmessagingToken': {
      const v = header(headers, 'ccmessaging-token');
      if (v === undefined) return undefined;
      const t = store.clientToken(v);
      return t ? { value: t } : { error: 'the ccmessaging-token is unknown or has expired' };
    }
    case 'agentGuid': {
      const raw = header(headers, 'guid');
      if (raw === undefined) return undefined;
      // Accept the bare Guid and, leniently, the whole Set-GUID value "JSESSIONID=<guid>".
      const g = store.guids.get(raw.trim().replace(/^JSESSIONID=/, ''));
      return g?.active ? { value: g } : { error: 'the Guid is unknown or has ended' };
    }
    default:
      return { error: `the mock does not know security scheme ${scheme}` };
  }
}

const FIELD: Record<string, keyof AuthContext> = { appKey: 'appKey', fabricToken: 'fabric', ccmessagingToken: 'client', agentGuid: 'agent' };

/**
 * `claims` (what the request's body, query and path say) is read only by a mutant that ignores a credential
 * (mock/mutations.ts): it stands in for a missing or wrong credential.
 */
export function authenticate(op: OperationInfo, headers: Headers, store: MockStore, options: MockOptions, claims?: Claims): AuthOutcome {
  const schemes = [...new Set(op.security.flatMap((alt) => Object.keys(alt)))];
  const auth: Record<string, unknown> = {};
  const present = new Set<string>();
  const ignored = mutationOf(options)?.ignoreCredential;
  for (const scheme of schemes) {
    let r = read(scheme, headers, store, options);
    if (scheme === ignored && (r === undefined || 'error' in r)) {
      r = { value: forgedCredential(scheme as Scheme, claims ?? { body: undefined, query: {}, params: {} }, store, options) };
    }
    if (r === undefined) continue;
    if ('error' in r) return { ok: false, scheme, reason: r.error };
    present.add(scheme);
    auth[FIELD[scheme]] = r.value;
  }
  if (op.security.length && !op.security.some((alt) => Object.keys(alt).every((s) => present.has(s)))) {
    const missing = op.mandatorySchemes.find((s) => !present.has(s)) ?? Object.keys(op.security[0]).find((s) => !present.has(s))!;
    return { ok: false, scheme: missing, reason: `${missing} credential is missing` };
  }
  // The token pair belongs to one app: an AccessToken or client token of another app key does not pass.
  const ctx = auth as AuthContext;
  for (const t of [ctx.fabric, ctx.client]) {
    if (t && ctx.appKey !== undefined && t.appKey !== ctx.appKey) return { ok: false, scheme: 'appKey', reason: 'the token was issued to another app key' };
  }
  return { ok: true, auth: ctx };
}
