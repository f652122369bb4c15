// Offline messages (doLeaveMessage) and anonymous calls (createMobileAgentCall): recorded, nothing dialled.
import { ok, result } from '../http/errors.js';
import type { HandlerContext, Reply } from './types.js';

export function doLeaveMessage(ctx: HandlerContext<'doLeaveMessage'>): Reply<'doLeaveMessage'> {
  const b = ctx.body;
  if (b.leaveMessage.trim() === '' || b.caller.trim() === '' || b.callId.trim() === '') return ok(result('3', 'callId, caller and leaveMessage must not be empty'));
  ctx.store.record('leaveMessage', { ...b, at: ctx.store.now });
  return ok(result('0', 'Save leaveMessage success!'));
}

const PHONE = /^\+?[0-9]+$/;

export function createMobileAgentCall(ctx: HandlerContext<'createMobileAgentCall'>): Reply<'createMobileAgentCall'> {
  const b = ctx.body;
  if (!PHONE.test(b.called) || (b.callerPresent !== '' && !PHONE.test(b.callerPresent))) {
    return ok(result('30010000003', 'Input parameter verification failed: called and callerPresent are phone numbers'));
  }
  const { store } = ctx;
  const callSerialNo = `${Math.floor(store.now / 1000)}${store.ids.digits(10)}`;
  store.record('mobileCall', { ...b, callSerialNo, at: store.now });
  return ok({ resultCode: '0', resultDesc: 'Success', resultData: { callSerialNo, sipServiceAddress: '127.0.0.1:5060', accesscode: `179080${store.ids.digits(9)}` } });
}
