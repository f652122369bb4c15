// The CC-Gateway side: the configured agent signs in (a Guid in Set-GUID), answers the customer of its call, signs
// out. Every outcome is HTTP 200 with a retcode.
import type { components } from '../../src/contract/generated/openapi.js';
import { MAX_DOWNLINK_CONTENT } from '../state/downlink.js';
import { gateway } from '../http/errors.js';
import { say } from '../state/session-machine.js';
import type { HandlerContext, Reply } from './types.js';

/** The agent and its password sign in; the phone is the agent's own business (the strict profile wants the
 *  configured one). */
export function agentSignIn(ctx: HandlerContext<'agentSignIn'>): Reply<'agentSignIn'> {
  const b = ctx.body;
  const { agentId, agentPassword } = ctx.options.credentials;
  const agentid = ctx.params.agentid;
  if (agentid !== agentId || b.password !== agentPassword) return gateway('100-004', 'wrong user or password');
  if (ctx.store.signedIn.has(agentid)) return gateway('100-002', 'the agent is already signed in');
  const guid = ctx.store.ids.secret('guid', 24);
  ctx.store.guids.set(guid, { guid, agentId: agentid, preset: false, active: true });
  ctx.store.signedIn.set(agentid, guid);
  return gateway('0', 'success', { result: {} }, { 'Set-GUID': `JSESSIONID=${guid}` });
}

export function agentSignOut(ctx: HandlerContext<'agentSignOut'>): Reply<'agentSignOut'> {
  const agentid = ctx.params.agentid;
  const guid = ctx.store.signedIn.get(agentid);
  if (!guid) return gateway('100-006', 'the agent is not signed in');
  ctx.store.signedIn.delete(agentid);
  ctx.store.guids.delete(guid);
  return gateway('0', 'success');
}

type MessageData = components['schemas']['AgentMessageData'];
/** What the agent's data carries for the customer: its content, and the other message fields as far as they are strings. */
type AgentContent = Pick<MessageData, 'content'> & { mediaType: string } & { [F in 'to' | 'mediaFileType' | 'senderNickname' | 'senderAvatar' | 'contentType']?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * data is a JSON string of a message object in the public cloud (deliver its content and media fields), plain text
 * elsewhere (deliver it as TEXT); the spec also admits the object itself.
 */
export function agentContent(data: unknown): AgentContent {
  let obj: unknown = data;
  if (typeof data === 'string') {
    try {
      obj = JSON.parse(data);
    } catch {
      obj = undefined;
    }
  }
  if (!isRecord(obj) || typeof obj.content !== 'string') return { content: String(data), mediaType: 'TEXT' };
  return {
    content: obj.content,
    mediaType: str(obj.mediaType) ?? 'TEXT',
    to: str(obj.to),
    mediaFileType: str(obj.mediaFileType),
    senderNickname: str(obj.senderNickname),
    senderAvatar: str(obj.senderAvatar),
    contentType: str(obj.contentType),
  };
}

export function sendMessage(ctx: HandlerContext<'sendMessage'>): Reply<'sendMessage'> {
  const { callid, data } = ctx.body;
  const { store } = ctx;
  const agentId = ctx.auth.agent!.agentId;
  const call = store.calls.get(callid);
  const u = call && store.users.get(call.userId);
  const s = u?.session;
  if (!call || call.agentId !== agentId || !u || !s || s.callId !== callid || s.state !== 'agent') return gateway('000-006', `no call "${callid}" of agent ${agentId}`);
  const m = agentContent(data);
  if (m.to !== undefined && m.to !== call.userId) return gateway('000-006', 'data.to is not the customer of the call');
  if (m.content.length > MAX_DOWNLINK_CONTENT) return gateway('000-006', `content longer than ${MAX_DOWNLINK_CONTENT} characters`);
  say(ctx, u, s, {
    sourceType: 'AGENT',
    content: m.content,
    mediaType: m.mediaType,
    senderNickname: m.senderNickname ?? `Agent ${agentId}`,
    senderAvatar: m.senderAvatar ?? null,
    ...(m.mediaFileType !== undefined ? { mediaFileType: m.mediaFileType } : {}),
    ...(m.contentType !== undefined ? { contentType: m.contentType } : {}),
  });
  return gateway('0', 'success');
}
