// The customer's chat session as a state machine: CONNECT starts a robot session, TRANS2AGENT queues it, the
// configured agent takes it after agentDelayMs (a SYSTEM message with the callId), DISCONNECT ends it.
import { downlink, type DownlinkInput } from './downlink.js';
import type { MockOptions } from './options.js';
import { NON_TEXT, robotAnswer, WELCOME } from './robot.js';
import type { MockStore, Session, UserState } from './store.js';

export interface Outcome {
  resultCode: string;
  resultDesc: string;
}

/** send's answer when there is no session to act on (the documents give send no failure codes; this is the mock's). */
export const NO_SESSION: Outcome = { resultCode: '1', resultDesc: 'No active session: send CONNECT first.' };

const active = (s: Session | undefined): s is Session => s !== undefined && s.state !== 'ended';

type Say = Omit<DownlinkInput, 'userId' | 'channel' | 'channelConfigId' | 'messageCode' | 'timestamp' | 'callId' | 'queued'>;

/** Queues a message for the customer, with the session's callId and queue flag. */
export function say(store: MockStore, options: MockOptions, u: UserState, s: Session, m: Say): void {
  store.deliver(u, downlink({
    ...m,
    userId: u.userId,
    channel: s.channel,
    channelConfigId: options.credentials.channelConfigId,
    messageCode: store.ids.uuid(),
    timestamp: store.now,
    callId: s.callId,
    queued: s.state === 'queued',
  }));
}

function robotSays(store: MockStore, options: MockOptions, u: UserState, s: Session, content: string, simQuestions: string | null): void {
  const interIdx = store.nextInterIdx();
  u.interIdx.add(interIdx);
  if (u.interIdx.size > options.limits.maxPendingPerUser) u.interIdx.delete(u.interIdx.values().next().value as string);
  say(store, options, u, s, { sourceType: 'ROBOT', content, interIdx, simQuestions });
}

export function connect(store: MockStore, options: MockOptions, userId: string, channel: string): Outcome {
  const u = store.user(userId);
  if (active(u.session)) return { resultCode: '0', resultDesc: 'Already connected.' };
  const s: Session = { state: 'robot', channel, startedAt: store.now, customerMessages: [] };
  u.session = s;
  robotSays(store, options, u, s, WELCOME, null);
  return { resultCode: '0', resultDesc: 'connect to robot success.' };
}

export function chat(store: MockStore, options: MockOptions, userId: string, content: string, mediaType: string): Outcome {
  const u = store.findUser(userId);
  const s = u?.session;
  if (!u || !active(s)) return NO_SESSION;
  s.customerMessages.push({ content, mediaType, timestamp: store.now });
  if (s.customerMessages.length > options.limits.maxCustomerMessagesPerCall) s.customerMessages.shift();
  if (s.state === 'robot') {
    const answer = mediaType === 'TEXT' ? robotAnswer(content) : { content: NON_TEXT, simQuestions: null };
    robotSays(store, options, u, s, answer.content, answer.simQuestions);
    return { resultCode: '0', resultDesc: 'Send message to robot successfully' };
  }
  return { resultCode: '0', resultDesc: s.state === 'agent' ? 'Send message to agent successfully' : 'Message kept for the agent.' };
}

export function input(store: MockStore, userId: string): Outcome {
  return active(store.findUser(userId)?.session) ? { resultCode: '0', resultDesc: 'Input status received.' } : NO_SESSION;
}

export function transfer(store: MockStore, options: MockOptions, userId: string): Outcome {
  const u = store.findUser(userId);
  const s = u?.session;
  if (!u || !active(s)) return NO_SESSION;
  if (s.state !== 'robot') return { resultCode: '0', resultDesc: 'Already transferred.' };
  s.state = 'queued';
  s.queuedAt = store.now;
  s.queueSeq = store.nextQueueSeq();
  say(store, options, u, s, { sourceType: 'SYSTEM', content: `Transferring you to an agent. You are number ${queuePosition(store, s)} in the queue.` });
  s.pickupTimer = store.later(options.agentDelayMs, () => pickup(store, options, userId, s));
  return { resultCode: '0', resultDesc: 'transfer from robot to agent success.' };
}

/** The configured agent takes the queued session (unless it ended or was released meanwhile). */
function pickup(store: MockStore, options: MockOptions, userId: string, s: Session): void {
  const u = store.users.get(userId);
  if (!u || u.session !== s || s.state !== 'queued') return;
  const { agentId } = options.credentials;
  s.state = 'agent';
  s.agentId = agentId;
  s.callId = `${Math.floor(store.now / 1000)}-${store.ids.digits(8)}`;
  s.pickupTimer = undefined;
  store.calls.set(s.callId, { callId: s.callId, userId, agentId });
  say(store, options, u, s, { sourceType: 'SYSTEM', content: 'Connected Agent' });
}

export function disconnect(store: MockStore, options: MockOptions, userId: string): Outcome {
  const u = store.findUser(userId);
  const s = u?.session;
  if (!u || !active(s)) return NO_SESSION;
  s.pickupTimer?.cancel();
  s.state = 'ended';
  s.endedAt = store.now;
  if (s.callId) store.calls.delete(s.callId);
  say(store, options, u, s, { sourceType: 'SYSTEM', content: 'The session has ended.', controlType: 'DISCONNECT' });
  return { resultCode: '0', resultDesc: 'Disconnect robot successfully' };
}

function queued(store: MockStore): Session[] {
  return [...store.users.values()].map((u) => u.session).filter((s): s is Session => s?.state === 'queued').sort((a, b) => a.queueSeq! - b.queueSeq!);
}

function queuePosition(store: MockStore, s: Session): number {
  return queued(store).indexOf(s) + 1;
}

/** queryQueueInfo's answer for the user (the codes are the documented ones). */
export function queueInfo(store: MockStore, options: MockOptions, userId: string): Outcome & Record<string, unknown> {
  const s = store.findUser(userId)?.session;
  if (!s) return { resultCode: '160004', resultDesc: 'The session does not exist or has ended.' };
  if (s.state === 'ended') return { resultCode: '5', resultDesc: 'The session has ended.' };
  if (s.state === 'agent') return { resultCode: '160021', resultDesc: 'Already transferred to an agent.' };
  const now = store.now;
  const waits = queued(store).map((q) => Math.floor((now - q.queuedAt!) / 1000));
  const waited = s.state === 'queued' ? Math.floor((now - s.queuedAt!) / 1000) : 0;
  return {
    resultCode: '0',
    resultDesc: s.state === 'queued' ? 'Queued.' : 'Not queued: the robot has the session.',
    position: s.state === 'queued' ? queuePosition(store, s) : 0,
    totalWaitTime: waited,
    currentDeviceWaitTime: waited,
    configMaxcWaitTime: options.sessionIdleS,
    longestWaitTime: waits.length ? Math.max(...waits) : 0,
    estimateWaitTime: s.state === 'queued' ? Math.max(0, Math.ceil((s.queuedAt! + options.agentDelayMs - now) / 1000)) : 0,
  };
}
