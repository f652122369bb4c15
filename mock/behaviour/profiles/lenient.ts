// MOCK_PROFILE=lenient: a tenant that takes every lawful-but-different reading of the documents, each as an extension
// point: guidance values accepted (request hook, lenient-requests.ts), refusals in their other documented form
// (request hook), `from` and `receiverId` taken from the ccmessaging-token (handler wrappers), X-Token-Expire over
// 3600 clamped (token hook), optional answer fields left out and undocumented ones added (post-response hook,
// lenient-answers.ts), replies delivered later (delivery hook) and a slower agent (MOCK_AGENT_DELAY_MS default,
// names.ts). The conformance suite must pass it with warnings and no failure (selftest/lenient/).
import type { DownlinkMessage } from '../../state/downlink.js';
import type { MockExtensions } from '../extensions.js';
import { HANDLERS } from '../../handlers/index.js';
import { clientOf } from '../../handlers/types.js';
import { DEFAULT_EXPIRE_S } from '../hooks.js';
import type { UserState } from '../../state/model.js';
import { withNote } from '../../http/notes.js';
import type { MockStore } from '../../state/store.js';
import { DEFAULT_PROFILE } from './default.js';
import { lenientAnswer } from './lenient-answers.js';
import { LENIENT_ALLOWANCES, otherRefusal } from './lenient-requests.js';
import { lettingThrough } from './let-through.js';

/** The longest lifetime tokenByAkSk grants (facts, Tokens): a larger X-Token-Expire is clamped to it. */
export const MAX_EXPIRE_S = 3600;
/** Every robot, agent and system message reaches the outbox this much later (well within the reply deadline). */
export const LENIENT_REPLY_DELAY_MS = 300;

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
  delivery: {
    deliver: (store: MockStore, user: UserState, msg: DownlinkMessage): Array<[UserState, DownlinkMessage]> => {
      store.later(LENIENT_REPLY_DELAY_MS, () => store.pushOutbox(user, msg));
      return [];
    },
  },
};
