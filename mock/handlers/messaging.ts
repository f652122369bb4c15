// The customer's chat: send (into the session machine), poll, queue information, satisfaction and robot feedback,
// and common phrases.
import { takePending } from '../state/delivery.js';
import { ok, result, unauthorized } from '../http/errors.js';
import { phrases } from '../behaviour/robot.js';
import { dispatch, queueInfo as queueInfoOf, type SessionEvent } from '../state/session-machine.js';
import { clientOf, type HandlerContext, type Reply, type RequestBody } from './types.js';

/** The session event a send body stands for. */
function eventOf(b: RequestBody<'send'>): SessionEvent {
  switch (b.controlType) {
    case 'CONNECT': return { type: 'CONNECT', channel: b.channel };
    case 'CHAT': return { type: 'CHAT', content: b.content, mediaType: b.mediaType };
    case 'INPUT': return { type: 'INPUT' };
    case 'TRANS2AGENT':
    case 'TRANSFER': return { type: 'TRANSFER' };
    case 'DISCONNECT': return { type: 'DISCONNECT' };
  }
}

/** The ccmessaging-token's user decides who sends: `from` is not read (the strict profile refuses another one). */
export function send(ctx: HandlerContext<'send'>): Reply<'send'> {
  const client = clientOf(ctx);
  const b = ctx.body;
  if (b.to !== ctx.options.credentials.channelConfigId) return ok(result('1', `unknown channel configuration ID "${b.to}" in "to"`));
  return ok(dispatch(ctx, client.userId, eventOf(b)));
}

export function poll(ctx: HandlerContext<'poll'>): Reply<'poll'> {
  const client = clientOf(ctx);
  const receiverId = ctx.query.receiverId;
  if (receiverId !== undefined && receiverId !== client.userId) return unauthorized('receiverId is not the user of the ccmessaging-token');
  const u = ctx.store.findUser(client.userId);
  return ok(result('0', 'query user messages success.', { downlinkMessages: u ? takePending(ctx, u) : [] }));
}

export function queryQueueInfo(ctx: HandlerContext<'queryQueueInfo'>): Reply<'queryQueueInfo'> {
  const b = ctx.body;
  const client = ctx.auth.client;
  // The credentials are optional here; when a token is given it must be the user's own.
  if (client && client.userId !== b.userId) return ok(result('3', 'Token error: userId is not the user of the ccmessaging-token.'));
  if (b.channelConfigId !== ctx.options.credentials.channelConfigId) return ok(result('1', `unknown channelConfigId "${b.channelConfigId}"`));
  return ok(queueInfoOf(ctx, b.userId));
}

export function saveSatisfaction(ctx: HandlerContext<'saveSatisfaction'>): Reply<'saveSatisfaction'> {
  const client = clientOf(ctx);
  const b = ctx.body;
  if (b.userId !== client.userId) return ok(result('13', 'userId is not the user of the ccmessaging-token'));
  if (b.channelConfigId !== ctx.options.credentials.channelConfigId) return ok(result('13', `unknown channelConfigId "${b.channelConfigId}"`));
  ctx.store.record('satisfaction', { ...b, at: ctx.store.now });
  return ok(result('0', 'Satisfaction saved.'));
}

export function feedbackSatisfaction(ctx: HandlerContext<'feedbackSatisfaction'>): Reply<'feedbackSatisfaction'> {
  const client = clientOf(ctx);
  const b = ctx.body;
  if (b.from !== client.userId) return ok(result('10010000001', 'Authentication failed'));
  if (b.feedback === 0 && !b.feedbackContent) return ok(result('30000000008', 'feedbackContent can not be empty when feedback is 0'));
  const u = ctx.store.findUser(client.userId);
  if (!u?.interIdx.has(b.interIdx)) return ok(result('30000000019', 'Not a robot session'));
  ctx.store.record('feedback', { ...b, at: ctx.store.now });
  return ok(result('0', 'Send message to robot successfully'));
}

export function queryPhraseByKeyword(ctx: HandlerContext<'queryPhraseByKeyword'>): Reply<'queryPhraseByKeyword'> {
  return ok(result('0', 'success', { phrases: phrases(ctx.body.strContent) }));
}
