// Runs one step against the tenant and the model: its request(s), the session transition (for two requests at once:
// every state either order of processing leads to), the model update and checks, and the coverage of the step.
import { answerOf, apply, type Before } from './apply.js';
import { label, type RunModel } from './model.js';
import { clock, perform, type Outcome } from './perform.js';
import { EXPLORE_RULES as R } from './rules.js';
import { afterAll, afterConcurrent, seenAs } from './states.js';
import { enabled } from './preconditions.js';
import { eventOf, type SingleStep, type Step } from './steps.js';
import type { RunReal } from './world.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function execute(rt: RunReal, m: RunModel, s: Step): Promise<void> {
  // Shortcuts the generator takes (to the agent; a page reload) run as their steps, and are recorded so.
  if (s.op === 'toAgent' || s.op === 'reconnect') {
    if (s.op === 'reconnect' && m.customers[s.c].afterReply) m.coverage.between('reconnect');
    const plan: Step[] = s.op === 'reconnect'
      ? [{ op: 'disconnect', c: s.c }, { op: 'connect', c: s.c }]
      : [...(m.customers[s.c].possible.has('robot') ? [] : [{ op: 'connect', c: s.c } as const]), { op: 'transfer', c: s.c }, { op: 'waitAgent', c: s.c }];
    for (const x of plan) if (enabled(m, x)) await execute(rt, m, x);
    return;
  }
  const step = m.step++;
  m.trace.push(s);
  m.stats.steps++;
  const c = m.customers[s.c];
  betweenReplyAndPoll(m, s);
  const before: Before = { possible: new Set(c.possible), currentCallId: c.currentCallId };
  if (s.op === 'waitAgent') await waitAgent(rt, m, { op: 'waitAgent', c: s.c }, step, before);
  else if (s.op === 'both') await both(rt, m, s, step, before);
  else {
    const o = await perform(rt, m, s, step);
    const event = eventOf(s);
    if (event) c.possible = afterAll(before.possible, event, answerOf(o));
    apply(m, s, o, before);
    const was = seenAs(before.possible);
    if (event && was) m.coverage.transition(was, event, seenAs(c.possible));
  }
  const now = seenAs(c.possible);
  if (now) m.coverage.state(now);
}

/** Coverage of the customer steps taken between an agent reply and the customer's next poll. */
function betweenReplyAndPoll(m: RunModel, s: Step): void {
  const c = m.customers[s.c];
  const ops = s.op === 'both' ? [s.a.op, s.b.op] : [s.op];
  if (ops.includes('poll') || ops.includes('waitAgent')) c.afterReply = false;
  else if (s.op !== 'both' && s.op !== 'agentReply' && c.afterReply) m.coverage.between(s.op);
  if (ops.includes('agentReply')) c.afterReply = true;
}

/** Two requests of one customer at once. Non-poll answers are taken first, so a poll sees what was sent beside it. */
async function both(rt: RunReal, m: RunModel, s: Extract<Step, { op: 'both' }>, step: number, before: Before): Promise<void> {
  const c = m.customers[s.c];
  m.coverage.concurrent(s.a.op, s.b.op);
  await untilRepliesPending(rt, m, s.c);
  const [oa, ob] = await inFlightTogether(rt, () => perform(rt, m, s.a, step), () => perform(rt, m, s.b, step), `${s.a.op} ‖ ${s.b.op}`);
  const ea = eventOf(s.a);
  const eb = eventOf(s.b);
  if (ea && eb) c.possible = afterConcurrent(before.possible, { event: ea, answer: answerOf(oa) }, { event: eb, answer: answerOf(ob) });
  else if (ea) c.possible = afterAll(before.possible, ea, answerOf(oa));
  else if (eb) c.possible = afterAll(before.possible, eb, answerOf(ob));
  const parts: Array<[SingleStep, Outcome, SingleStep, Outcome]> = [[s.a, oa, s.b, ob], [s.b, ob, s.a, oa]];
  parts.sort(([x, ox], [y, oy]) => rank(x, ox) - rank(y, oy));
  for (const [x, o, partner, po] of parts) apply(m, x, o, met(before, partner, po), partner);
}

/**
 * Waits until the agent replies to this customer that have not arrived yet are pending at the tenant: as long after
 * the last one as this tenant was seen to take (stats.deliveryMs, at most the reply deadline). A pair at once races
 * over the pending messages; on a tenant that queues replies late it would otherwise race over none.
 */
async function untilRepliesPending(rt: RunReal, m: RunModel, c: number): Promise<void> {
  const took = Math.min(m.stats.deliveryMs ?? 0, rt.world.replyTimeoutMs);
  const last = Math.max(0, ...m.messages.filter((x) => x.customer === c && x.status === 'owed' && x.received === 0).map((x) => x.answeredAt));
  const wait = last ? last + took - clock() : 0;
  if (wait > 0) await sleep(wait);
}

/**
 * Sends two requests so both are in flight at once. Under fast-check's scheduler (a generated run) the scheduler
 * decides which leaves first (its choice is part of the counterexample, replayed with the seed and path); otherwise
 * the first one does.
 */
async function inFlightTogether<A, B>(rt: RunReal, a: () => Promise<A>, b: () => Promise<B>, label: string): Promise<[A, B]> {
  const s = rt.scheduler;
  if (!s) return Promise.all([a(), b()]);
  const both = Promise.all([s.schedule(Promise.resolve(), `${label}: first leaves`).then(a), s.schedule(Promise.resolve(), `${label}: second leaves`).then(b)]);
  return s.waitFor(both);
}

/** The states a request may have met when `partner` was sent beside it: before it, or after it. */
function met(before: Before, partner: SingleStep, po: Outcome): Before {
  const event = eventOf(partner);
  if (!event) return before;
  return { ...before, possible: new Set([...before.possible, ...afterAll(before.possible, event, answerOf(po))]) };
}

/**
 * Non-polls first; two polls in the order the tenant handed their messages out: by the earliest timestamp in each
 * batch (an empty batch first), so a message the tenant queued first is taken first.
 */
function rank(s: SingleStep, o: Outcome): number {
  if (s.op !== 'poll') return -Infinity;
  const stamps = (o.messages ?? []).map((x) => Number(x.timestamp)).filter(Number.isFinite);
  return stamps.length ? Math.min(...stamps) : -1;
}

/** The customer waits in the queue: polls (backing off) until an agent takes the call or the reply deadline passes. */
async function waitAgent(rt: RunReal, m: RunModel, s: { op: 'waitAgent'; c: number }, step: number, before: Before): Promise<void> {
  const c = m.customers[s.c];
  const deadline = clock() + rt.world.replyTimeoutMs;
  let backoff = 50;
  for (;;) {
    const o = await perform(rt, m, s, step);
    apply(m, s, o, before);
    if (!c.possible.has('queued')) return;
    const left = deadline - clock();
    if (left <= 0) {
      if (c.possible.size > 1) return; // the customer may not be queued at all
      m.verdicts.broke(R.noPickup, `${label(c)} waited ${rt.world.replyTimeoutMs} ms in the queue and no agent took the call`);
      return;
    }
    await sleep(Math.min(backoff, left));
    backoff = Math.min(backoff * 1.5, 500);
  }
}
