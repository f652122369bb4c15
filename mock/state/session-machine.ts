// The customer's chat session as a state machine, in one place. `transition` is pure: session + event → the new
// session, the effects, the answer. `dispatch` runs it for a user: loads the user, stores the new session and carries
// out the effects (messages to the customer, the agent pickup timer, the call record).
//
//   (none) --CONNECT--> robot --TRANSFER--> queued --PICKUP (agentDelayMs later)--> agent
//   robot | queued | agent --DISCONNECT--> ended --CONNECT--> robot (a new session)
import type { components } from '../../src/contract/generated/openapi.js';
import { deliver } from './delivery.js';
import { downlink, type DownlinkInput } from './downlink.js';
import type { Session, UserState } from './model.js';
import { NON_TEXT, robotAnswer, WELCOME } from '../behaviour/robot.js';
import type { MockStore } from './store.js';
import type { Tenant } from './tenant.js';

export interface Outcome {
  resultCode: string;
  resultDesc: string;
}

/** send's answer when there is no session to act on (the documents give send no failure codes; this is the mock's). */
export const NO_SESSION: Outcome = { resultCode: '1', resultDesc: 'No active session: send CONNECT first.' };

export type SessionEvent =
  | { type: 'CONNECT'; channel: string }
  | { type: 'CHAT'; content: string; mediaType: string }
  | { type: 'INPUT' }
  | { type: 'TRANSFER' }
  /** The configured agent takes the queued session `sessionId` (the pickup timer). */
  | { type: 'PICKUP'; sessionId: number; agentId: string }
  | { type: 'DISCONNECT' };

export type Effect =
  | { type: 'robot-says'; content: string; simQuestions: string | null }
  | { type: 'system-says'; content: string; controlType?: string }
  | { type: 'announce-queue-position' }
  | { type: 'schedule-pickup' }
  | { type: 'cancel-pickup' }
  | { type: 'open-call'; callId: string; agentId: string }
  | { type: 'close-call'; callId: string };

export interface Step {
  session: Session | undefined;
  effects: Effect[];
  outcome: Outcome;
}

/** What a transition needs from outside: the time, a bound, and fresh ids. */
export interface MachineEnv {
  now: number;
  maxCustomerMessages: number;
  sessionId(): number;
  queueSeq(): number;
  callId(): string;
}

const active = (s: Session | undefined): s is Session => s !== undefined && s.state !== 'ended';
const stay = (session: Session | undefined, outcome: Outcome): Step => ({ session, effects: [], outcome });
const ok = (resultDesc: string): Outcome => ({ resultCode: '0', resultDesc });

export function transition(s: Session | undefined, e: SessionEvent, env: MachineEnv): Step {
  switch (e.type) {
    case 'CONNECT':
      if (active(s)) return stay(s, ok('Already connected.'));
      return {
        session: { id: env.sessionId(), state: 'robot', channel: e.channel, startedAt: env.now, customerMessages: [] },
        effects: [{ type: 'robot-says', content: WELCOME, simQuestions: null }],
        outcome: ok('connect to robot success.'),
      };
    case 'CHAT': {
      if (!active(s)) return stay(s, NO_SESSION);
      const said = [...s.customerMessages, { content: e.content, mediaType: e.mediaType, timestamp: env.now }].slice(-env.maxCustomerMessages);
      const session: Session = { ...s, customerMessages: said };
      if (s.state === 'robot') {
        const answer = e.mediaType === 'TEXT' ? robotAnswer(e.content) : { content: NON_TEXT, simQuestions: null };
        return { session, effects: [{ type: 'robot-says', ...answer }], outcome: ok('Send message to robot successfully') };
      }
      return { session, effects: [], outcome: ok(s.state === 'agent' ? 'Send message to agent successfully' : 'Message kept for the agent.') };
    }
    case 'INPUT':
      return stay(s, active(s) ? ok('Input status received.') : NO_SESSION);
    case 'TRANSFER':
      if (!active(s)) return stay(s, NO_SESSION);
      if (s.state !== 'robot') return stay(s, ok('Already transferred.'));
      return {
        session: { ...s, state: 'queued', queuedAt: env.now, queueSeq: env.queueSeq() },
        effects: [{ type: 'announce-queue-position' }, { type: 'schedule-pickup' }],
        outcome: ok('transfer from robot to agent success.'),
      };
    case 'PICKUP': {
      // The session ended, was released or replaced meanwhile: nothing to take.
      if (s?.id !== e.sessionId || s.state !== 'queued') return stay(s, ok('Nothing to take.'));
      const callId = env.callId();
      return {
        session: { ...s, state: 'agent', agentId: e.agentId, callId },
        effects: [{ type: 'open-call', callId, agentId: e.agentId }, { type: 'system-says', content: 'Connected Agent' }],
        outcome: ok('Taken by the agent.'),
      };
    }
    case 'DISCONNECT':
      if (!active(s)) return stay(s, NO_SESSION);
      return {
        session: { ...s, state: 'ended', endedAt: env.now },
        effects: [
          { type: 'cancel-pickup' },
          ...(s.callId ? [{ type: 'close-call' as const, callId: s.callId }] : []),
          { type: 'system-says', content: 'The session has ended.', controlType: 'DISCONNECT' },
        ],
        outcome: ok('Disconnect robot successfully'),
      };
  }
}

/** Runs an event for a user: CONNECT creates the user, the pickup does not count as the user's activity. */
export function dispatch(t: Tenant, userId: string, event: SessionEvent): Outcome {
  const { store } = t;
  const u = event.type === 'CONNECT' ? store.user(userId) : event.type === 'PICKUP' ? store.users.get(userId) : store.findUser(userId);
  const step = transition(u?.session, event, machineEnv(t));
  if (!u) return step.outcome;
  u.session = step.session;
  for (const effect of step.effects) perform(t, u, effect);
  return step.outcome;
}

function machineEnv(t: Tenant): MachineEnv {
  const { store, options } = t;
  return {
    now: store.now,
    maxCustomerMessages: options.limits.maxCustomerMessagesPerCall,
    sessionId: () => store.nextSessionId(),
    queueSeq: () => store.nextQueueSeq(),
    callId: () => `${Math.floor(store.now / 1000)}-${store.ids.digits(8)}`,
  };
}

function perform(t: Tenant, u: UserState, effect: Effect): void {
  const { store, options } = t;
  const s = u.session!;
  switch (effect.type) {
    case 'robot-says': {
      const interIdx = store.nextInterIdx();
      u.interIdx.add(interIdx);
      if (u.interIdx.size > options.limits.maxPendingPerUser) u.interIdx.delete(u.interIdx.values().next().value as string);
      return say(t, u, s, { sourceType: 'ROBOT', content: effect.content, interIdx, simQuestions: effect.simQuestions });
    }
    case 'system-says':
      return say(t, u, s, { sourceType: 'SYSTEM', content: effect.content, ...(effect.controlType ? { controlType: effect.controlType } : {}) });
    case 'announce-queue-position':
      return say(t, u, s, { sourceType: 'SYSTEM', content: `Transferring you to an agent. You are number ${queuePosition(store, s)} in the queue.` });
    case 'schedule-pickup': {
      const { userId } = u;
      store.pickups.set(userId, store.later(options.agentDelayMs, () => {
        store.pickups.delete(userId);
        dispatch(t, userId, { type: 'PICKUP', sessionId: s.id, agentId: options.credentials.agentId });
      }));
      return;
    }
    case 'cancel-pickup':
      store.pickups.get(u.userId)?.cancel();
      store.pickups.delete(u.userId);
      return;
    case 'open-call':
      store.calls.set(effect.callId, { callId: effect.callId, userId: u.userId, agentId: effect.agentId });
      return;
    case 'close-call':
      store.calls.delete(effect.callId);
  }
}

type Say = Omit<DownlinkInput, 'userId' | 'channel' | 'channelConfigId' | 'messageCode' | 'timestamp' | 'callId' | 'queued'>;

/** Queues a message for the customer of session `s`, with the session's channel, callId and queue flag. */
export function say(t: Tenant, u: UserState, s: Session, m: Say): void {
  deliver(t, u, downlink({
    ...m,
    userId: u.userId,
    channel: s.channel,
    channelConfigId: t.options.credentials.channelConfigId,
    messageCode: t.store.ids.uuid(),
    timestamp: t.store.now,
    callId: s.callId,
    queued: s.state === 'queued',
  }));
}

function queued(store: MockStore): Session[] {
  return [...store.users.values()].map((u) => u.session).filter((s): s is Session => s?.state === 'queued').sort((a, b) => a.queueSeq! - b.queueSeq!);
}

function queuePosition(store: MockStore, s: Session): number {
  return queued(store).findIndex((q) => q.id === s.id) + 1;
}

type QueueInfo = components['schemas']['QueryQueueInfoResponse'];

/** queryQueueInfo's answer for the user (the codes are the documented ones). */
export function queueInfo(t: Tenant, userId: string): QueueInfo {
  const { store, options } = t;
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
