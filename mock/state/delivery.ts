// The one way a message reaches a customer's outbox, and the one way a poll empties it, both through the delivery
// hooks (hooks.ts).
import type { DownlinkMessage } from './downlink.js';
import type { UserState } from './model.js';
import type { Tenant } from './tenant.js';

export function deliver(t: Tenant, user: UserState, msg: DownlinkMessage): void {
  for (const [to, m] of t.hooks.delivery.deliver(t.store, user, msg)) t.store.pushOutbox(to, m);
}

/** What one poll hands out of the user's pending messages: a page of them, oldest first (all, unless the delivery
 *  hooks page them); the rest stays pending, ahead of anything queued later. */
export function takePending(t: Tenant, user: UserState): DownlinkMessage[] {
  const pending = t.store.takeOutbox(user);
  const n = pending.length ? Math.max(1, Math.min(pending.length, t.hooks.delivery.page(user, pending))) : 0;
  if (n < pending.length) user.outbox = [...pending.slice(n), ...user.outbox];
  return t.hooks.delivery.take(user, pending.slice(0, n));
}
