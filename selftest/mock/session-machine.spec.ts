// The session state machine on its own (mock/state/session-machine.ts): session + event → new session, effects, answer,
// without a store or a clock.
import { expect, test } from '@playwright/test';
import type { Session } from '../../mock/state/model.js';
import { NO_SESSION, transition, type MachineEnv, type SessionEvent } from '../../mock/state/session-machine.js';

function env(): MachineEnv {
  let n = 0;
  return { now: 1_000, maxCustomerMessages: 2, sessionId: () => ++n, queueSeq: () => 7, callId: () => '1-00000001' };
}

/** Runs events from no session; returns every step's state and effect types. */
function run(...events: SessionEvent[]): Array<{ state?: string; effects: string[]; resultDesc: string }> {
  const e = env();
  let s: Session | undefined;
  return events.map((event) => {
    const step = transition(s, event, e);
    s = step.session;
    return { state: s?.state, effects: step.effects.map((x) => x.type), resultDesc: step.outcome.resultDesc };
  });
}

test.describe('session machine', () => {
  test('connect, chat with the robot, transfer, pickup, chat with the agent, disconnect', () => {
    expect(run(
      { type: 'CONNECT', channel: 'WEB' },
      { type: 'CHAT', content: 'opening hours', mediaType: 'TEXT' },
      { type: 'TRANSFER' },
      { type: 'PICKUP', sessionId: 1, agentId: '1001' },
      { type: 'CHAT', content: 'hello', mediaType: 'TEXT' },
      { type: 'DISCONNECT' },
    )).toEqual([
      { state: 'robot', effects: ['robot-says'], resultDesc: 'connect to robot success.' },
      { state: 'robot', effects: ['robot-says'], resultDesc: 'Send message to robot successfully' },
      { state: 'queued', effects: ['announce-queue-position', 'schedule-pickup'], resultDesc: 'transfer from robot to agent success.' },
      { state: 'agent', effects: ['open-call', 'system-says'], resultDesc: 'Taken by the agent.' },
      { state: 'agent', effects: [], resultDesc: 'Send message to agent successfully' },
      { state: 'ended', effects: ['cancel-pickup', 'close-call', 'system-says'], resultDesc: 'Disconnect robot successfully' },
    ]);
  });

  test('without an active session every event but CONNECT answers "no session" and changes nothing', () => {
    for (const event of [{ type: 'CHAT', content: 'x', mediaType: 'TEXT' }, { type: 'INPUT' }, { type: 'TRANSFER' }, { type: 'DISCONNECT' }] as SessionEvent[]) {
      expect(transition(undefined, event, env()), event.type).toEqual({ session: undefined, effects: [], outcome: NO_SESSION });
    }
  });

  test('a pickup of another session, or of one no longer queued, is ignored', () => {
    const e = env();
    const queued = transition(transition(undefined, { type: 'CONNECT', channel: 'WEB' }, e).session, { type: 'TRANSFER' }, e).session!;
    expect(transition(queued, { type: 'PICKUP', sessionId: queued.id + 1, agentId: '1' }, e)).toMatchObject({ session: queued, effects: [] });
    const ended = transition(queued, { type: 'DISCONNECT' }, e).session!;
    expect(transition(ended, { type: 'PICKUP', sessionId: ended.id, agentId: '1' }, e)).toMatchObject({ session: ended, effects: [] });
  });

  test('a transition makes a new session and leaves the old one as it was; the customer\'s words are capped', () => {
    const e = env();
    const s0 = transition(undefined, { type: 'CONNECT', channel: 'WEB' }, e).session!;
    let s = s0;
    for (const content of ['one', 'two', 'three']) s = transition(s, { type: 'CHAT', content, mediaType: 'TEXT' }, e).session!;
    expect(s0.customerMessages).toEqual([]);
    expect(s.customerMessages.map((m) => m.content)).toEqual(['two', 'three']);
    expect(transition(s, { type: 'CONNECT', channel: 'WEB' }, e)).toMatchObject({ session: s, outcome: { resultDesc: 'Already connected.' } });
  });
});
