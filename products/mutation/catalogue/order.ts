// Mutants that lose or repeat a message only in one order of a customer's and the agent's steps, or only with two
// requests of one customer in flight at once (issue 26, point 7). The exploration's systematic plans
// (products/explore/systematic.ts) take each such pair and each step between an agent reply and the next poll in
// every run, the gate's @explore test included: these must be killed whatever the seed. Each is one handler wrapper
// of the correct handler; one request alone, or the steps in another order, are never hurt.
import type { DownlinkMessage } from '../../../mock/state/downlink.js';
import type { Mutation } from '../types.js';
import { customerOf, slow } from './exploration.js';

const isAgentMessage = (m: DownlinkMessage): boolean => m.sourceType === 'AGENT';

export const ORDER_MUTANTS = {
  'concurrent-chat-reply-lost-update': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'every agent message answered retcode "0" reaches its customer (seed 003 sendmessage; seed 000 chapter 5)',
    how: 'a customer\'s CHAT reads the pending messages, waits for the store, writes them back with what it added: an agent message sent while the CHAT is in flight is lost (CHAT ‖ agent reply)',
    handlers: {
      send: (correct) => async (ctx) => {
        const u = customerOf(ctx);
        if (ctx.body.controlType !== 'CHAT' || !u) return correct(ctx);
        const read = [...u.outbox];
        await slow();
        const waited = [...u.outbox];
        const r = await correct(ctx);
        u.outbox = [...read, ...u.outbox.slice(waited.length)];
        return r;
      },
    },
  },
  'concurrent-poll-chat-duplicates': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'poll hands out each pending message once (seed 000 chapter 5; facts: messageCode unique per message)',
    how: 'a customer\'s CHAT reads the pending messages, waits for the store, and puts back the agent messages a poll took meanwhile: they come again (poll ‖ CHAT)',
    handlers: {
      send: (correct) => async (ctx) => {
        const u = customerOf(ctx);
        if (ctx.body.controlType !== 'CHAT' || !u) return correct(ctx);
        const read = [...u.outbox];
        await slow();
        const r = await correct(ctx);
        const taken = read.filter((m) => isAgentMessage(m) && !u.outbox.includes(m));
        u.outbox = [...taken, ...u.outbox];
        return r;
      },
    },
  },
  'queue-info-repeats-reply': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'each message reaches the customer once (seed 003: the channel "sends the message content to Internet users"; facts: messageCode unique per message)',
    how: 'queryQueueInfo between an agent reply and the customer\'s next poll queues the pending agent message a second time (agent reply, queryQueueInfo, poll)',
    handlers: {
      queryQueueInfo: (correct) => (ctx) => {
        const u = customerOf(ctx) ?? ctx.store.findUser(ctx.body.userId);
        const last = u?.outbox.filter(isAgentMessage).at(-1);
        if (u && last) u.outbox.push({ ...last });
        return correct(ctx);
      },
    },
  },
  'input-drops-reply': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'every agent message answered retcode "0" reaches its customer (seed 003 sendmessage; seed 000 chapter 5)',
    how: 'an INPUT (the customer typing) between an agent reply and the next poll throws the pending agent messages away (agent reply, INPUT, poll)',
    handlers: {
      send: (correct) => (ctx) => {
        const u = customerOf(ctx);
        if (ctx.body.controlType === 'INPUT' && u) u.outbox = u.outbox.filter((m) => !isAgentMessage(m));
        return correct(ctx);
      },
    },
  },
} satisfies Record<string, Mutation>;
