// Delivery of messages to the customer.
import type { DownlinkMessage } from '../../../mock/state/downlink.js';
import type { UserState } from '../../../mock/state/model.js';
import type { Mutation } from '../types.js';

/** Per-user counters and carried messages of the delivery mutants (keyed by the store's user objects). */
const agentMessagesSeen = new WeakMap<UserState, number>();
const carried = new WeakMap<UserState, DownlinkMessage[]>();

const htmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export const DELIVERY_MUTANTS = {
  'lose-agent-message': {
    area: 'delivery', seam: 'delivery',
    rule: 'each message the agent sends reaches the customer (seed 003 sendmessage, seed 000 chapter 5 poll)',
    how: 'the second agent message to each customer is lost',
    operations: ['sendMessage'],
    deliver: (_store, user, msg) => {
      if (msg.sourceType !== 'AGENT') return [[user, msg]];
      const n = (agentMessagesSeen.get(user) ?? 0) + 1;
      agentMessagesSeen.set(user, n);
      return n === 2 ? [] : [[user, msg]];
    },
  },
  'duplicate-message': {
    area: 'delivery', seam: 'delivery',
    rule: 'poll delivers each pending message once (seed 000 chapter 5: the pending messages; messageCode unique per message)',
    how: 'the last message a poll handed out comes again with the next poll',
    operations: ['poll'],
    take: (user, pending) => {
      const again = carried.get(user) ?? [];
      carried.set(user, pending.slice(-1));
      return [...again, ...pending];
    },
  },
  'reorder-messages': {
    area: 'delivery', seam: 'delivery',
    rule: 'agent messages reach the customer in the order they were sent (spec choice: no document states an order of delivery)',
    strength: 'guidance',
    how: 'poll hands out the pending messages newest first',
    operations: ['poll'],
    take: (_user, pending) => [...pending].reverse(),
  },
  'alter-agent-message': {
    area: 'delivery', seam: 'delivery',
    rule: 'the customer receives the agent\'s text as sent (seed 003 data.content → seed 000 downlink content)',
    how: 'agent text is HTML-escaped on the way (& < > " \' become entities)',
    operations: ['sendMessage'],
    deliver: (_store, user, msg) => [[user, msg.sourceType === 'AGENT' && msg.mediaType === 'TEXT' ? { ...msg, content: htmlEscape(msg.content) } : msg]],
  },
} satisfies Record<string, Mutation>;
