// Issuing and looking up tokens through the token hooks: the real lifetime of a new token (the client's token-TTL
// fault caps it), and whether a stored one still works (a token that no longer does is forgotten).
import type { ClientToken, FabricToken, TokenKind } from './model.js';
import type { FaultSettings } from '../behaviour/options.js';
import type { Tenant } from './tenant.js';

/** The ccmessaging-token lives about one hour (facts, Tokens). */
export const CLIENT_TOKEN_S = 3600;

export function issueFabricToken(t: Tenant, faults: FaultSettings, appKey: string, announcedS: number): FabricToken {
  const now = t.store.now;
  const token: FabricToken = { token: t.store.ids.secret('fabric'), appKey, createdAt: now, expiresAt: now + t.hooks.tokens.lifetimeMs('fabric', announcedS, faults) };
  t.store.addFabricToken(token);
  return token;
}

export function issueClientToken(t: Tenant, faults: FaultSettings, fields: Omit<ClientToken, 'token' | 'expiresAt'>): ClientToken {
  const token: ClientToken = { ...fields, token: t.store.ids.secret('client'), expiresAt: t.store.now + t.hooks.tokens.lifetimeMs('client', CLIENT_TOKEN_S, faults) };
  t.store.addClientToken(token);
  return token;
}

/** The AccessToken if it still works. */
export const liveFabricToken = (t: Tenant, token: string): FabricToken | undefined => live(t, 'fabric', t.store.fabricTokens, token);

/** The ccmessaging-token if it still works. */
export const liveClientToken = (t: Tenant, token: string): ClientToken | undefined => live(t, 'client', t.store.clientTokens, token);

/** Whether a stored token still works now (the store's sweep asks this too). */
export const tokenLive = (t: Tenant) => (kind: TokenKind, token: FabricToken | ClientToken): boolean => t.hooks.tokens.valid(kind, token, t.store.now);

function live<T extends FabricToken | ClientToken>(t: Tenant, kind: TokenKind, map: Map<string, T>, key: string): T | undefined {
  const token = map.get(key);
  if (token && !t.hooks.tokens.valid(kind, token, t.store.now)) {
    map.delete(key);
    return undefined;
  }
  return token;
}
