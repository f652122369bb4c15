// Dropped: defects no client can observe through the documented API (kept, listed with the reason, not run).
import type { Mutation } from '../types.js';

export const DROPPED_MUTANTS = {
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
        const user = ctx.store.users.get(ctx.auth.client!.userId);
        const before = user?.session?.customerMessages.length;
        const r = await correct(ctx);
        // The session machine answers with a new session object: cut the one the user holds now.
        const s = user?.session;
        if (s && before !== undefined && s.state !== 'robot') s.customerMessages.length = before;
        return r;
      },
    },
  },
} satisfies Record<string, Mutation>;
