// MOCK_PROFILE=lenient: a tenant that takes every lawful-but-different reading of the documents, each as an extension
// point: guidance values accepted (request hook, lenient-requests.ts), refusals in their other documented form
// (request hook), `from` and `receiverId` taken from the ccmessaging-token (handler wrappers), X-Token-Expire over
// 3600 clamped (token hook), optional answer fields left out and undocumented ones added (post-response hook,
// lenient-answers.ts), replies delivered later, a robot's welcome and answers in two downlinks and polls answered a
// page at a time (delivery hooks, lenient-delivery.ts) and a slower agent (MOCK_AGENT_DELAY_MS default, names.ts).
// The conformance suite must pass it with warnings and no failure (selftest/lenient/).
import type { MockExtensions } from '../extensions.js';
import { HANDLERS } from '../../handlers/index.js';
import { clientOf } from '../../handlers/types.js';
import { DEFAULT_EXPIRE_S } from '../hooks.js';
import { withNote } from '../../http/notes.js';
import { DEFAULT_PROFILE } from './default.js';
import { lenientAnswer } from './lenient-answers.js';
import { LENIENT_DELIVERY } from './lenient-delivery.js';
import { LENIENT_ALLOWANCES, otherRefusal } from './lenient-requests.js';
import { lettingThrough } from './let-through.js';

/** The longest lifetime tokenByAkSk grants (facts, Tokens): a larger X-Token-Expire is clamped to it. */
export const MAX_EXPIRE_S = 3600;
export { LENIENT_POLL_PAGE, LENIENT_REPLY_DELAY_MS } from './lenient-delivery.js';

export const LENIENT_PROFILE: MockExtensions = {
  onRequestProblem: lettingThrough(LENIENT_ALLOWANCES, otherRefusal),
  handlers: {
    ...DEFAULT_PROFILE.handlers,
    feedbackSatisfaction: async (ctx) => (ctx.body.from !== ''
      ? HANDLERS.feedbackSatisfaction(ctx)
      : withNote(await HANDLERS.feedbackSatisfaction({ ...ctx, body: { ...ctx.body, from: clientOf(ctx).userId } }), 'an empty "from" read as the ccmessaging-token\'s user')),
    poll: async (ctx) => {
      const { receiverId, ...query } = ctx.query;
      if (receiverId === undefined || receiverId === clientOf(ctx).userId) return HANDLERS.poll(ctx);
      return withNote(await HANDLERS.poll({ ...ctx, query }), 'answered the ccmessaging-token\'s user; receiverId ignored');
    },
  },
  tokens: { expiresS: (requested) => Math.min(requested ?? DEFAULT_EXPIRE_S, MAX_EXPIRE_S) },
  postResponse: lenientAnswer,
  delivery: LENIENT_DELIVERY,
};
