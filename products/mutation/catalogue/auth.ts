// Credentials.
import { liveClientToken } from '../../../mock/state/tokens.js';
import type { Mutation } from '../types.js';

export const AUTH_MUTANTS = {
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
    rule: 'every CC-Gateway call after sign-in carries the agent\'s Guid (seed 003 table 1: Guid mandatory; "000-003" without it)',
    how: 'the Guid is not checked: missing or wrong passes for the agent in the path',
    ignoreCredential: 'agentGuid',
  },
  'accept-wrong-app-secret': {
    area: 'auth', seam: 'handler',
    rule: 'tokenByAkSk issues a token only for the app key with its secret (seed 000 chapter 2)',
    how: 'tokenByAkSk checks the app key but not the app secret',
    calls: 'refused',
    handlers: {
      tokenByAkSk: (correct) => (ctx) => {
        const { appKey, appSecret } = ctx.options.credentials;
        return correct(ctx.body.app_key === appKey ? { ...ctx, body: { ...ctx.body, app_secret: appSecret } } : ctx);
      },
    },
  },
  'ccmessaging-token-as-bearer': {
    area: 'auth', seam: 'auth',
    rule: 'Authorization carries the API Fabric AccessToken (seed 000 chapter 2), not the ccmessaging-token',
    how: 'a ccmessaging-token is accepted as the Bearer token',
    acceptCredential: (scheme, value, tenant) => {
      if (scheme !== 'fabricToken') return undefined;
      const client = liveClientToken(tenant, value);
      return client ? { token: value, appKey: client.appKey, createdAt: tenant.store.now, expiresAt: client.expiresAt } : undefined;
    },
  },
} satisfies Record<string, Mutation>;
