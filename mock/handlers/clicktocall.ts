// Click-to-dial: support check, create, events (one per poll: in queue → connected → after drop disconnected), drop.
import { ok, result } from '../http/errors.js';
import type { ClickToCallEvent } from '../state/model.js';
import { clientOf, type HandlerContext, type Reply } from './types.js';

export const NO_EVENTS = 'ClickToCall polled without any events';

export function checkClickToCallSupport(): Reply<'checkClickToCallSupport'> {
  return ok({ resultCode: '0', resultDesc: '', webRTCSupported: true, clickToCallSupported: true });
}

export function createClickToCall(ctx: HandlerContext<'createClickToCall'>): Reply<'createClickToCall'> {
  // The credentials are optional in the document, but a call needs a customer to belong to.
  const client = ctx.auth.client;
  if (!client) return ok(result('1', 'a ccmessaging-token is needed to create a call'));
  const { store } = ctx;
  const u = store.user(client.userId);
  if (u.clickToCall?.active) return ok(result('1', 'a call is already in progress'));
  const queued: ClickToCallEvent = { resultDesc: 'Call in queue', eventId: store.nextEventId() };
  const connected: ClickToCallEvent = {
    resultDesc: 'Call connected',
    eventId: store.nextEventId(),
    content: { domain: 'webrtc.mock.invalid', gwAddresses: ['127.0.0.1:8443'], accessCode: `1790800${store.ids.digits(8)}`, clickToCallCaller: 'AnonymousCard' },
  };
  u.clickToCall = { mediaAbility: ctx.body.mediaAbility, active: true, events: [queued, connected] };
  return ok({ resultCode: '0', resultDesc: null });
}

export function getClickToCallEvents(ctx: HandlerContext<'getClickToCallEvents'>): Reply<'getClickToCallEvents'> {
  const client = clientOf(ctx);
  const event = ctx.store.findUser(client.userId)?.clickToCall?.events.shift();
  if (!event) return ok(result('0', NO_EVENTS));
  return ok({ resultCode: '0', resultDesc: event.resultDesc, eventId: event.eventId, content: event.content ?? null });
}

export function dropClickToCall(ctx: HandlerContext<'dropClickToCall'>): Reply<'dropClickToCall'> {
  const client = clientOf(ctx);
  const call = ctx.store.findUser(client.userId)?.clickToCall;
  if (!call?.active) return ok(result('1', 'no call to drop'));
  call.active = false;
  call.events = [{ resultDesc: 'Call disconnected', eventId: ctx.store.nextEventId() }];
  return ok(result('0', ''));
}
