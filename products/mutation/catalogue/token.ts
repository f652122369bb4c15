// The token lifetime.
import type { Mutation } from '../types.js';

export const TOKEN_MUTANTS = {
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
    area: 'token', seam: 'request', strength: 'guidance',
    rule: 'X-Token-Expire is at most 3600 seconds (facts, Tokens)',
    how: 'tokenByAkSk issues tokens for any X-Token-Expire',
    operations: ['tokenByAkSk'],
    request: (operationId, problem) => (operationId === 'tokenByAkSk' && problem.errors.every((e) => e.pointer === '/header/X-Token-Expire' && e.keyword === 'maximum') ? 'pass' : undefined),
  },
} satisfies Record<string, Mutation>;
