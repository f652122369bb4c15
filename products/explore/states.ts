// The documented session life cycle of a web-chat customer as a pure, non-deterministic transition function.
//
//   none ──CONNECT──▶ robot ──TRANS2AGENT──▶ queued ──(an agent takes it)──▶ agent
//     ▲                 │                      │                              │
//     └──── ended ◀─────┴──────DISCONNECT──────┴──────────────────────────────┘   (ended ──CONNECT──▶ robot)
//
// Seed 001 and seed 000 chapter 7 (the four send scenes: "connect to robot", "Send message to robot",
// "transfer from robot to agent", "Disconnect"); the agent's side (seed 003) answers the call the customer was
// transferred to. Where the documents are silent the function returns every state a tenant may reasonably be in:
// CONNECT during a session may keep it or start a new robot session; a transfer may be picked up at once; an answer
// that is no answer (5xx, none) leaves both the old and the new state possible. Observations later narrow the set.

export const SESSION_STATES = ['none', 'robot', 'queued', 'agent', 'ended'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** What the customer (send's controlTypes) or the tenant (an agent takes the call) does to the session. */
export type SessionEvent = 'CONNECT' | 'CHAT' | 'INPUT' | 'TRANS2AGENT' | 'DISCONNECT' | 'pickup';

/** How the request was answered: success (result code "0"), a failure code, or no usable answer (5xx, none). */
export type Answer = 'ok' | 'refused' | 'unknown';

const ACTIVE: ReadonlySet<SessionState> = new Set(['robot', 'queued', 'agent']);
export const isActive = (s: SessionState): boolean => ACTIVE.has(s);

function onSuccess(from: SessionState, event: SessionEvent): SessionState[] {
  switch (event) {
    case 'CONNECT':
      // A new session starts with the robot; during one, the tenant may keep it (the mock: "Already connected") or
      // start a new one: the documents do not say.
      return from === 'none' || from === 'ended' || from === 'robot' ? ['robot'] : [from, 'robot'];
    case 'CHAT':
    case 'INPUT':
      return [from];
    case 'TRANS2AGENT':
      // Queued, or taken by an agent before the customer looks.
      if (from === 'robot' || from === 'queued') return ['queued', 'agent'];
      return [from];
    case 'DISCONNECT':
      return isActive(from) ? ['ended'] : [from];
    case 'pickup':
      return from === 'queued' || from === 'agent' ? ['agent'] : [];
  }
}

/**
 * The states the session may be in after `event` in state `from`, given how it was answered. An empty list means
 * the event cannot happen in that state (only `pickup`, which the tenant does, can be impossible).
 */
export function after(from: SessionState, event: SessionEvent, answer: Answer): SessionState[] {
  if (event === 'pickup') return onSuccess(from, event);
  if (answer === 'refused') return [from];
  const ok = onSuccess(from, event);
  return answer === 'ok' ? ok : [...new Set<SessionState>([from, ...ok])];
}

/** `after()` over a set of possible states. */
export function afterAll(from: ReadonlySet<SessionState>, event: SessionEvent, answer: Answer): Set<SessionState> {
  const out = new Set<SessionState>();
  for (const s of from) for (const t of after(s, event, answer)) out.add(t);
  return out;
}

/**
 * Two events of one customer sent at once: the tenant applied them in one order or the other. The result is every
 * state either order leads to (the answers are the ones each request got).
 */
export function afterConcurrent(from: ReadonlySet<SessionState>, a: { event: SessionEvent; answer: Answer }, b: { event: SessionEvent; answer: Answer }): Set<SessionState> {
  const ab = afterAll(afterAll(from, a.event, a.answer), b.event, b.answer);
  const ba = afterAll(afterAll(from, b.event, b.answer), a.event, a.answer);
  return new Set([...ab, ...ba]);
}

/** The single state when the set holds exactly one, else undefined. */
export const certain = (possible: ReadonlySet<SessionState>): SessionState | undefined => (possible.size === 1 ? [...possible][0] : undefined);

/**
 * The state as the customer sees it, for coverage: the certain one, and `queued` for a transferred session no agent
 * has been seen to take yet (the pickup is its own event when it shows).
 */
export const seenAs = (possible: ReadonlySet<SessionState>): SessionState | undefined =>
  certain(possible) ?? (possible.size === 2 && possible.has('queued') && possible.has('agent') ? 'queued' : undefined);

/** The documented transitions (the coverage page marks which the exploration reached). */
export const DOCUMENTED_TRANSITIONS: ReadonlyArray<{ from: SessionState; event: SessionEvent; to: SessionState }> = [
  { from: 'none', event: 'CONNECT', to: 'robot' },
  { from: 'robot', event: 'CHAT', to: 'robot' },
  { from: 'robot', event: 'TRANS2AGENT', to: 'queued' },
  { from: 'queued', event: 'pickup', to: 'agent' },
  { from: 'agent', event: 'CHAT', to: 'agent' },
  { from: 'robot', event: 'DISCONNECT', to: 'ended' },
  { from: 'queued', event: 'DISCONNECT', to: 'ended' },
  { from: 'agent', event: 'DISCONNECT', to: 'ended' },
  { from: 'ended', event: 'CONNECT', to: 'robot' },
];

// ---------------------------------------------------------------------------------------------------------------
// Click-to-call (seed 000 chapters 11-14; the event descriptions are facts): created → events → dropped.

export const CLICK_TO_CALL_STAGES = ['idle', 'created', 'connected', 'dropped'] as const;
export type ClickToCallStage = (typeof CLICK_TO_CALL_STAGES)[number];

/** Event descriptions a call in each stage may report (facts, Click-to-call), besides "no events". */
export const CLICK_TO_CALL_EVENTS: Readonly<Record<ClickToCallStage, readonly string[]>> = {
  idle: [],
  created: ['Call in queue', 'Call connected', 'Call failed', 'Call queued timeout', 'Call disconnected'],
  connected: ['Call connected', 'Call disconnected', 'Call failed'],
  dropped: ['Call disconnected', 'Call failed'],
};
export const NO_CLICK_TO_CALL_EVENTS = 'ClickToCall polled without any events';
