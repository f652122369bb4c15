// The customer's chat: send (the session state machine), poll, queue information, satisfaction and robot feedback,
// and common phrases.
import { ok, unauthorized } from '../errors.js';
import { phrases } from '../robot.js';
import * as sessions from '../sessions.js';
import { clientOf, result, type HandlerContext } from './types.js';

interface SendBody {
  channel: string;
  content: string;
  controlType: 'CONNECT' | 'CHAT' | 'TRANS2AGENT' | 'TRANSFER' | 'INPUT' | 'DISCONNECT';
  from: string;
  mediaType: string;
  to: string;
}

export function send(ctx: HandlerContext) {
  const client = clientOf(ctx);
  const b = ctx.body as SendBody;
  const { store, options } = ctx;
  if (b.from !== client.userId) return unauthorized('"from" is not the user of the ccmessaging-token');
  if (b.to !== options.credentials.channelConfigId) return ok(result('1', `unknown channel configuration ID "${b.to}" in "to"`));
  switch (b.controlType) {
    case 'CONNECT': return ok(sessions.connect(store, options, client.userId, b.channel));
    case 'CHAT': return ok(sessions.chat(store, options, client.userId, b.content, b.mediaType));
    case 'INPUT': return ok(sessions.input(store, client.userId));
    case 'TRANS2AGENT':
    case 'TRANSFER': return ok(sessions.transfer(store, options, client.userId));
    case 'DISCONNECT': return ok(sessions.disconnect(store, options, client.userId));
  }
}

export function poll(ctx: HandlerContext) {
  const client = clientOf(ctx);
  const receiverId = ctx.query.receiverId;
  if (receiverId !== undefined && receiverId !== client.userId) return unauthorized('receiverId is not the user of the ccmessaging-token');
  const u = ctx.store.findUser(client.userId);
  return ok(result('0', 'query user messages success.', { downlinkMessages: u ? ctx.store.takeOutbox(u) : [] }));
}

export function queryQueueInfo(ctx: HandlerContext) {
  const b = ctx.body as { userId: string; channelConfigId: string };
  const client = ctx.auth.client;
  // The credentials are optional here; when a token is given it must be the user's own.
  if (client && client.userId !== b.userId) return ok(result('3', 'Token error: userId is not the user of the ccmessaging-token.'));
  if (b.channelConfigId !== ctx.options.credentials.channelConfigId) return ok(result('1', `unknown channelConfigId "${b.channelConfigId}"`));
  return ok(sessions.queueInfo(ctx.store, ctx.options, b.userId));
}

export function saveSatisfaction(ctx: HandlerContext) {
  const client = clientOf(ctx);
  const b = ctx.body as { userId: string; channelConfigId: string; evaluation: string; comment: string };
  if (b.userId !== client.userId) return ok(result('13', 'userId is not the user of the ccmessaging-token'));
  if (b.channelConfigId !== ctx.options.credentials.channelConfigId) return ok(result('13', `unknown channelConfigId "${b.channelConfigId}"`));
  ctx.store.record('satisfaction', { ...b, at: ctx.store.now });
  return ok(result('0', 'Satisfaction saved.'));
}

export function feedbackSatisfaction(ctx: HandlerContext) {
  const client = clientOf(ctx);
  const b = ctx.body as { feedback: 0 | 1; feedbackContent?: string; from: string; interIdx: string };
  if (b.from !== client.userId) return ok(result('10010000001', 'Authentication failed'));
  if (b.feedback === 0 && !b.feedbackContent) return ok(result('30000000008', 'feedbackContent can not be empty when feedback is 0'));
  const u = ctx.store.findUser(client.userId);
  if (!u?.interIdx.has(b.interIdx)) return ok(result('30000000019', 'Not a robot session'));
  ctx.store.record('feedback', { ...b, at: ctx.store.now });
  return ok(result('0', 'Send message to robot successfully'));
}

export function queryPhraseByKeyword(ctx: HandlerContext) {
  const b = ctx.body as { strContent: string };
  return ok(result('0', 'success', { phrases: phrases(b.strContent) }));
}
