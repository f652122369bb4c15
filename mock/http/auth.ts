// Credentials as the spec's security requirements say: every credential that is present must be valid, and at least
// one alternative must be met by the present ones. So a mandatory credential that is missing fails, and an optional
// one (queryQueueInfo, createClickToCall, appKey/fabricToken on queryPhraseByKeyword) fails only when wrong.
// Each scheme is read by its security handler (by scheme name, as in the spec); buildApp may replace any of them.
// The CC-Gateway's Guid is checked here too, but answered with a retcode by the pipeline.
import type { OperationInfo } from '../../src/contract/spec.js';
import type { AgentGuid, ClientToken, FabricToken } from '../state/model.js';
import type { Tenant } from '../state/tenant.js';
import { liveClientToken, liveFabricToken } from '../state/tokens.js';

export type Scheme = 'appKey' | 'fabricToken' | 'ccmessagingToken' | 'agentGuid';

export interface AuthContext {
  appKey?: string;
  fabric?: FabricToken;
  client?: ClientToken;
  agent?: AgentGuid;
}

type Values = Record<string, unknown>;

/** What a security handler sees: the request's parts (a stand-in credential may be made from what they claim). */
export interface SecurityRequest {
  headers: Values;
  body: unknown;
  query: Values;
  params: Record<string, string>;
  tenant: Tenant;
}

/** One scheme's credential: undefined when absent, else the resolved value or why it is refused. */
export type Credential = undefined | { value: string | FabricToken | ClientToken | AgentGuid } | { error: string };
export type SecurityHandler = (request: SecurityRequest) => Credential;
export type SecurityHandlers = Record<Scheme, SecurityHandler>;

const header = (headers: Values, name: string): string | undefined => {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** The AccessToken of an `Authorization: Bearer <AccessToken>` header; undefined when the header is absent or not of that form. */
export function bearerToken(headers: Values): string | undefined {
  const v = header(headers, 'authorization');
  return v === undefined ? undefined : /^Bearer +(\S+)$/i.exec(v.trim())?.[1];
}

/** The documented credential checks, one per security scheme of the spec. */
export const SECURITY_HANDLERS: Readonly<SecurityHandlers> = Object.freeze({
  appKey: ({ headers, tenant }: SecurityRequest): Credential => {
    const v = header(headers, 'x-app-key');
    if (v === undefined) return undefined;
    return v === tenant.options.credentials.appKey ? { value: v } : { error: 'unknown x-app-key' };
  },
  fabricToken: ({ headers, tenant }: SecurityRequest): Credential => {
    if (header(headers, 'authorization') === undefined) return undefined;
    const token = bearerToken(headers);
    if (token === undefined) return { error: 'Authorization is not "Bearer <AccessToken>"' };
    const t = liveFabricToken(tenant, token);
    return t ? { value: t } : { error: 'the AccessToken is unknown or has expired' };
  },
  ccmessagingToken: ({ headers, tenant }: SecurityRequest): Credential => {
    const v = header(headers, 'ccmessaging-token');
    if (v === undefined) return undefined;
    const t = liveClientToken(tenant, v);
    return t ? { value: t } : { error: 'the ccmessaging-token is unknown or has expired' };
  },
  agentGuid: ({ headers, tenant }: SecurityRequest): Credential => {
    const raw = header(headers, 'guid');
    if (raw === undefined) return undefined;
    // Accept the bare Guid and, leniently, the whole Set-GUID value "JSESSIONID=<guid>".
    const g = tenant.store.guids.get(raw.trim().replace(/^JSESSIONID=/, ''));
    return g?.active ? { value: g } : { error: 'the Guid is unknown or has ended' };
  },
});

const FIELD: Record<Scheme, keyof AuthContext> = { appKey: 'appKey', fabricToken: 'fabric', ccmessagingToken: 'client', agentGuid: 'agent' };
const isScheme = (s: string): s is Scheme => Object.hasOwn(FIELD, s);

export type AuthOutcome = { ok: true; auth: AuthContext } | { ok: false; scheme: string; reason: string };

export function authenticate(op: OperationInfo, request: SecurityRequest, handlers: SecurityHandlers): AuthOutcome {
  const schemes = [...new Set(op.security.flatMap((alt) => Object.keys(alt)))];
  const auth: Record<string, unknown> = {};
  const present = new Set<string>();
  for (const scheme of schemes) {
    const r = isScheme(scheme) ? handlers[scheme](request) : { error: `the mock does not know security scheme ${scheme}` };
    if (r === undefined) continue;
    if ('error' in r) return { ok: false, scheme, reason: r.error };
    present.add(scheme);
    auth[FIELD[scheme as Scheme]] = r.value;
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
