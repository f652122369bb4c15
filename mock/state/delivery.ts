// The one way a message reaches a customer's outbox, and the one way a poll empties it, both through the delivery
// hooks (hooks.ts).
import type { DownlinkMessage } from './downlink.js';
import type { UserState } from './model.js';
import type { Tenant } from './tenant.js';

export function deliver(t: Tenant, user: UserState, msg: DownlinkMessage): void {
  for (const [to, m] of t.hooks.delivery.deliver(t.store, user, msg)) t.store.pushOutbox(to, m);
}

/** Everything pending for the user, as a poll hands it out; the outbox is empty afterwards. */
export function takePending(t: Tenant, user: UserState): DownlinkMessage[] {
  return t.hooks.delivery.take(user, t.store.takeOutbox(user));
}
