// The exploration's systematic part: what random orders reach only by chance, reached on purpose in every
// exploration (the gate's @explore test included), before the random runs:
// - every pair of one customer's operations in flight at once (CONCURRENT_OPS: poll ‖ poll, poll ‖ CHAT,
//   CHAT ‖ agent reply, …), each sent while an agent message is pending for the customer (the agent's reply just
//   before: what a race loses or repeats);
// - each customer step between an agent reply and the next poll (agent reply, the step, poll).
// Each plan is one customer's short run from the agent's session (connect, transfer, wait for the agent; with no
// agent configured: a robot session, a question pending); the plans run side by side, each with the model and every
// check of a random run (replay()), so a plan that loses or repeats a message fails like a random run would, with its
// steps as the repro. A step the model does not allow in the state reached (a tenant that answered otherwise) is
// skipped and shows as a pair not reached. One more plan ends a session while it is queued, the pickup still to
// come.
import { hasSideEffect, CONCURRENT_OPS, type SingleStep, type Step } from './steps.js';

export type PairOp = keyof typeof CONCURRENT_OPS;
export const PAIR_OPS = Object.keys(CONCURRENT_OPS) as PairOp[];

/** A customer step that may come between an agent reply and the customer's next poll (a page reload: reconnect). */
export type BetweenOp = Exclude<SingleStep['op'], 'poll' | 'waitAgent' | 'agentReply'> | 'reconnect';
export const BETWEEN_OPS: readonly BetweenOp[] = [
  'connect', 'chat', 'input', 'transfer', 'disconnect', 'reconnect', 'queue', 'feedback', 'satisfaction', 'phrase', 'upload', 'download',
  'renewToken', 'checkSupport', 'createClickToCall', 'clickToCallEvents', 'dropClickToCall', 'leaveMessage', 'mobileCall',
];

/** The key of an unordered pair, as the coverage counts it. */
export const pairKey = (a: string, b: string): string => [a, b].sort().join('+');

/** What the plans may use of the tenant. */
export interface PlanScope {
  /** An agent is configured (agent replies, the agent's session). */
  agent: boolean;
  /** Side-effect steps may be sent (x-side-effect). */
  sideEffects: boolean;
  /** createMobileAgentCall may dial. */
  canDial: boolean;
}

/** One request of customer 0 for an operation of the lists (the data each step needs, fixed). */
function single(op: Exclude<BetweenOp, 'reconnect'> | PairOp, i: number): SingleStep {
  switch (op) {
    case 'chat': return { op, c: 0, text: i % 2 ? 'How do I reset my password?' : 'Grüße aus Köln — déjà vu' };
    case 'phrase': return { op, c: 0, text: 'pass' };
    case 'agentReply': return { op, c: 0, text: `Systematic reply ${i} — “quoted” & 'single'`, call: 'current' };
    case 'feedback': return { op, c: 0, kind: 'satisfied' };
    case 'satisfaction': return { op, c: 0, evaluation: '5' };
    case 'upload': return { op, c: 0, size: 64 + i, fill: i };
    case 'download': return { op, c: 0, whose: 'own' };
    default: return { op, c: 0 } as SingleStep;
  }
}

/** Steps that change the session (the model is no longer certain of it, or it ends): each ends its plan. */
const ENDS: ReadonlySet<string> = new Set(['connect', 'disconnect', 'reconnect']);

export interface Plan {
  /** Steps of customer 0. */
  steps: Step[];
  /** The pairs and between-steps it reaches (for the listing). */
  pairs: string[];
  between: BetweenOp[];
}

/** The pairs of PAIR_OPS the scope can send (agentReply needs an agent; side effects need leave). */
export function listedPairs(scope: PlanScope): string[] {
  const ops = PAIR_OPS.filter((op) => (op !== 'agentReply' || scope.agent) && !hasSideEffect(single(op, 0)));
  const out: string[] = [];
  ops.forEach((a, i) => ops.slice(i).forEach((b) => out.push(pairKey(a, b))));
  return out;
}

/** The steps of BETWEEN_OPS the scope can send between an agent reply and a poll (none without an agent). */
export function listedBetween(scope: PlanScope): BetweenOp[] {
  if (!scope.agent) return [];
  return BETWEEN_OPS.filter((op) => op === 'reconnect' || ((op !== 'mobileCall' || scope.canDial) && (scope.sideEffects || !hasSideEffect(single(op, 0)))));
}

/**
 * The plans that together reach every listed pair and between-step once: one plan per step that changes the session
 * (it ends the plan), the others shared out among them in turn.
 */
export function systematicPlans(scope: PlanScope): Plan[] {
  const pairs = listedPairs(scope);
  const between = listedBetween(scope);
  const ending = [...pairs.filter((k) => k.split('+').some((op) => ENDS.has(op))), ...between.filter((op) => ENDS.has(op))];
  const middle = [...pairs.filter((k) => !k.split('+').some((op) => ENDS.has(op))), ...between.filter((op) => !ENDS.has(op))];
  const n = Math.max(1, ending.length);
  const groups: string[][] = Array.from({ length: n }, () => []);
  middle.forEach((item, i) => groups[i % n].push(item));
  ending.forEach((item, i) => groups[i].push(item));
  let seq = 0;
  // Something the customer is owed, pending at the moment of the step: the agent's reply (or the robot's answer).
  const prime = (): Step[] => (scope.agent ? [single('agentReply', ++seq)] : [single('chat', ++seq)]);
  // And a session ended while queued (the documents name it: DISCONNECT from any active state): whatever the agent's
  // pickup would bring must not reach the ended session (polled through the settle window at the end). TRANS2AGENT
  // and DISCONNECT leave together, so the DISCONNECT meets the queue however fast this tenant's agent picks up.
  const queuedEnd: Plan[] = scope.agent
    ? [{ steps: [{ op: 'connect', c: 0 }, { op: 'poll', c: 0 }, { op: 'both', c: 0, a: { op: 'transfer', c: 0 }, b: { op: 'disconnect', c: 0 } }, { op: 'poll', c: 0 }], pairs: [], between: [] }]
    : [];
  return [...queuedEnd, ...groups.filter((g) => g.length).map((group) => {
    const steps: Step[] = scope.agent ? [{ op: 'connect', c: 0 }, { op: 'transfer', c: 0 }, { op: 'waitAgent', c: 0 }] : [{ op: 'connect', c: 0 }, { op: 'poll', c: 0 }];
    const plan: Plan = { steps, pairs: [], between: [] };
    for (const item of group) {
      if (item.includes('+')) {
        const [a, b] = item.split('+') as [PairOp, PairOp];
        steps.push(...prime(), { op: 'both', c: 0, a: single(a, ++seq), b: single(b, ++seq) });
        plan.pairs.push(item);
      } else {
        const op = item as BetweenOp;
        // A download of the customer's own file needs one uploaded first (before the reply: nothing between).
        if (op === 'download') steps.push(single('upload', ++seq));
        steps.push(...prime(), op === 'reconnect' ? { op: 'reconnect', c: 0 } : single(op, ++seq), { op: 'poll', c: 0 });
        plan.between.push(op);
      }
    }
    return plan;
  })];
}

/** The listing the coverage shows: what the plans of this scope reach. */
export const listing = (scope: PlanScope): { pairs: string[]; between: string[] } => ({ pairs: listedPairs(scope), between: listedBetween(scope) });
