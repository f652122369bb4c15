// The end of a run: every customer polls until it has what it is owed (its agent messages, the robot's answers, the
// DISCONNECT downlinks of a tenant that sends them) or the reply deadline passes, polls a little
// longer where something could still arrive that must not (the settle window: a pickup racing a DISCONNECT, a reply
// to a call that had ended), and polls once more so a late duplicate shows. Then the owed messages are counted.
import { apply } from './apply.js';
import { label, type CustomerModel, type RunModel } from './model.js';
import { clock, perform } from './perform.js';
import { EXPLORE_RULES as R } from './rules.js';
import type { RunReal } from './world.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function pollOnce(rt: RunReal, m: RunModel, c: CustomerModel): Promise<number> {
  const before = { possible: new Set(c.possible), currentCallId: c.currentCallId };
  const o = await perform(rt, m, { op: 'poll', c: c.index }, m.step);
  apply(m, { op: 'poll', c: c.index }, o, before);
  return o.messages?.length ?? 0;
}

const owedMissing = (m: RunModel, c: CustomerModel): number => m.messages.filter((x) => x.customer === c.index && x.status === 'owed' && x.received === 0).length;
/** A tenant that marks the end of a session (a DISCONNECT downlink) owes one for each DISCONNECT that ended one: waited
 *  for like a message, so whether its absence warns is decided by the reply deadline, not by when the run ended. */
const markersMissing = (m: RunModel, c: CustomerModel): boolean => m.stats.tenantSendsMarkers && !c.segmentsBroken && c.markers < c.disconnects.length;
const waiting = (m: RunModel, c: CustomerModel): boolean => owedMissing(m, c) > 0 || c.robotMessages < c.robotAnswersExpected || markersMissing(m, c);

/** Polls `who` with backoff until `done()` or `deadline` (monotonic ms). */
async function pollUntil(rt: RunReal, m: RunModel, who: () => CustomerModel[], deadline: number): Promise<void> {
  let backoff = 50;
  for (let list = who(); list.length; list = who()) {
    let got = 0;
    for (const c of list) got += await pollOnce(rt, m, c);
    const left = deadline - clock();
    if (left <= 0) return;
    if (got === 0) {
      await sleep(Math.min(backoff, left));
      backoff = Math.min(backoff * 1.5, 500);
    } else backoff = 50;
  }
}

export async function drain(rt: RunReal, m: RunModel, settleMs: number): Promise<void> {
  m.step++;
  const start = clock();
  await pollUntil(rt, m, () => m.customers.filter((c) => waiting(m, c)), start + rt.world.replyTimeoutMs);
  const risky = m.customers.filter((c) => c.lateRisk);
  if (risky.length) await pollUntil(rt, m, () => (clock() < start + settleMs ? risky : []), start + settleMs);
  for (const c of m.customers) await pollOnce(rt, m, c);

  for (const x of m.messages) {
    if (x.status !== 'owed' || x.received > 0) continue;
    m.verdicts.broke(R.agentDelivery, `customer ${x.customer + 1} never received ${x.key} (step ${x.step + 1}, ${x.why}) within ${rt.world.replyTimeoutMs} ms`);
  }
  for (const c of m.customers) {
    m.verdicts.expect(!markersMissing(m, c), R.disconnectDownlink,
      () => `${label(c)} ended ${c.disconnects.length} session(s) and received ${c.markers} DISCONNECT downlink(s) within ${rt.world.replyTimeoutMs} ms`);
    m.verdicts.expect(c.robotMessages >= c.robotAnswersExpected, R.robotAnswers,
      () => `${label(c)} asked the robot ${c.robotAnswersExpected} time(s) and got ${c.robotMessages} robot message(s)`);
  }
}
