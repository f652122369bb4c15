// MOCK_STRICT_REQUESTS=1: the default profile with the spec's request checks as they were before the mock took every
// lawful request: a field the documents do not list, or a body where the operation takes none, is refused naming it
// (400, or the CC-Gateway's parameter retcode); `from` other than the ccmessaging-token's user is 401; an agent signs
// in only with the configured phone (100-004). For clients that want to find what a stricter tenant could refuse.
import { gateway, unauthorized } from '../../http/errors.js';
import type { MockExtensions } from '../extensions.js';
import { HANDLERS } from '../../handlers/index.js';
import { clientOf } from '../../handlers/types.js';

export const STRICT_REQUESTS: MockExtensions = {
  // No request-problem hook: every problem of the request check gets its documented answer.
  handlers: {
    send: (ctx) => (ctx.body.from !== clientOf(ctx).userId ? unauthorized('"from" is not the user of the ccmessaging-token') : HANDLERS.send(ctx)),
    agentSignIn: (ctx) => (ctx.body.phonenum !== ctx.options.credentials.agentPhone ? gateway('100-004', 'wrong user or password') : HANDLERS.agentSignIn(ctx)),
  },
};
