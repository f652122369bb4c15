// Whether a step can be taken in the model's state: fast-check's precondition, and what a replay of recorded steps
// skips. Apart from steps.ts so the steps (data) and the model (state) do not import each other.
import type { RunModel } from './model.js';
import { hasSideEffect, type Step } from './steps.js';

/** Whether the step can be taken now (fast-check skips a step whose precondition does not hold). */
export function enabled(m: Readonly<RunModel>, s: Step): boolean {
  const c = m.customers[s.c];
  if (!c) return false;
  if (hasSideEffect(s) && !m.sideEffects) return false;
  switch (s.op) {
    case 'mobileCall':
      return m.canDial;
    case 'both':
      return s.a.c === s.c && s.b.c === s.c && enabled(m, s.a) && enabled(m, s.b);
    case 'toAgent':
      return m.agent && !c.possible.has('queued') && !c.possible.has('agent');
    case 'reconnect':
      return [...c.possible].some((x) => x !== 'none');
    case 'agentReply':
      if (!m.agent) return false;
      return s.call === 'current' ? c.currentCallId !== undefined : c.endedCalls.size > 0;
    case 'waitAgent':
      // Someone waits in the queue; not when the customer may still be with the agent of a call it already has (a
      // transfer or CONNECT during a call leaves that open) and no new pickup need come.
      return c.possible.has('queued') && !(c.possible.has('agent') && c.currentCallId !== undefined);
    case 'feedback':
      return s.kind === 'unknown-idx' || s.kind === 'no-content' || c.interIdx.length > 0;
    case 'download':
      if (s.whose === 'own') return c.files.length > 0;
      if (s.whose === 'other') return m.customers.some((o) => o !== c && o.files.length > 0);
      return true;
    default:
      return true;
  }
}
