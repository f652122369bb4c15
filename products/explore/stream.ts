// What a customer receives, checked message by message as polls hand it out. A DISCONNECT downlink (facts: downlink
// controlType DISCONNECT) cuts the stream into segments, one per session.
//
// Delivery guarantees checked here (refuse-level: failures): every message is addressed to this customer, no one
// else's message reaches it, none arrives twice; an agent message arrives byte-identical, never when it was refused.
// Expectations no document states (guidance: warnings): agent messages in the order sent; nothing delivered into a
// session after its DISCONNECT (no message in a segment no CONNECT started, none of an ended call in a later
// session); the robot silent once an agent has the session.
import { KEY_PATTERN, label, sameSession, segmentsReliable, showPossible, type CustomerModel, type DownlinkMessage, type RunModel, type Timed } from './model.js';
import { EXPLORE_RULES as R } from './rules.js';

const short = (m: DownlinkMessage): string =>
  `${m.sourceType}${m.controlType && m.controlType !== 'CHAT' ? `/${m.controlType}` : ''}${m.callId ? ` callId=${m.callId}` : ''}: ${JSON.stringify(m.content.length > 70 ? `${m.content.slice(0, 70)}…` : m.content)}`;

/** Takes the messages of one poll (in the order the poll answered them). */
export function ingest(m: RunModel, c: CustomerModel, batch: DownlinkMessage[], poll: Timed): void {
  for (const msg of batch) ingestOne(m, c, msg, poll);
}

function ingestOne(m: RunModel, c: CustomerModel, msg: DownlinkMessage, poll: Timed): void {
  const v = m.verdicts;
  const who = label(c);
  v.expect(msg.to === c.userId, R.addressed, () => `${who} received a message addressed to ${msg.to}: ${short(msg)}`);
  const code = msg.messageCode ?? undefined;
  if (code) {
    v.expect(!c.seenCodes.has(code), R.deliveredOnce, () => `${who} received messageCode ${code} twice: ${short(msg)}`);
    const other = m.codes.get(code);
    v.expect(other === undefined || other === c.index, R.isolation, () => `messageCode ${code} reached customer ${(other ?? 0) + 1} and ${who}: ${short(msg)}`);
    c.seenCodes.add(code);
    m.codes.set(code, c.index);
  } else {
    const whole = JSON.stringify(msg);
    v.expect(!c.seenBodies.has(whole), R.identicalTwice, () => `${who} received the identical message twice: ${short(msg)}`);
    c.seenBodies.add(whole);
  }

  const segment = c.markers;
  const reliable = segmentsReliable(c);
  const hadCall = c.segmentHasCall;
  if (reliable && segment >= 1) {
    // After the j-th DISCONNECT, only a session started by a later CONNECT may receive anything.
    const ended = c.disconnects[segment - 1];
    if (ended) {
      const reopened = c.connects.some((x) => x.step >= ended.step && x.sentAt < poll.answeredAt);
      v.expect(reopened, R.afterDisconnect, () => `${who} received, after the DISCONNECT of step ${ended.step + 1} and with no CONNECT since: ${short(msg)}`);
    }
  }

  if (msg.callId) {
    const firstSeen = c.calls.get(msg.callId);
    if (reliable && firstSeen !== undefined && firstSeen < segment && c.endedCalls.has(msg.callId)) {
      v.broke(R.endedCall, `${who} received a message of call ${msg.callId}, ended at step ${(c.endedCalls.get(msg.callId) ?? 0) + 1}, in a later session: ${short(msg)}`);
    }
    if (firstSeen === undefined) {
      c.calls.set(msg.callId, segment);
      onPickup(m, c, msg, poll, reliable);
    }
    if (reliable) c.segmentHasCall = true;
  }

  if (msg.sourceType === 'ROBOT') {
    c.robotMessages++;
    if (msg.interIdx !== undefined && msg.interIdx !== null && msg.interIdx !== '') c.interIdx.push(String(msg.interIdx));
    if (hadCall && !c.segmentMixed && sameSession(c, poll)) {
      v.broke(R.robotSilent, `${who} received a robot message after the agent took the session: ${short(msg)}`);
    }
  }

  agentMessage(m, c, msg, poll);

  if (msg.controlType === 'DISCONNECT') onMarker(m, c, msg);
  c.received.push(msg);
}

/** The first message of a call: an agent took a session. */
function onPickup(m: RunModel, c: CustomerModel, msg: DownlinkMessage, poll: Timed, reliable: boolean): void {
  const segment = c.markers;
  // The message is of the current session when no DISCONNECT was sent since its segment began (unknown once the
  // segments broke: then a new call while queued is taken for the current one).
  const current = c.segmentsBroken || segment >= c.disconnects.length;
  if (reliable) {
    const since = segment >= 1 ? c.disconnects[segment - 1]?.step ?? 0 : 0;
    const transferred = c.transfers.some((t) => t.step >= since && t.sentAt < poll.answeredAt);
    m.verdicts.expect(transferred, R.pickupWithoutTransfer, () => `${label(c)} got call ${msg.callId} in a session that was never transferred: ${short(msg)}`);
  }
  if (!current || !(c.possible.has('queued') || c.possible.has('agent'))) return;
  const wasQueued = c.possible.has('queued');
  if (wasQueued) {
    m.coverage.transition('queued', 'pickup', 'agent');
    if (c.transferredAt !== undefined) m.stats.maxPickupMs = Math.max(m.stats.maxPickupMs, poll.answeredAt - c.transferredAt);
  }
  c.possible = new Set(['agent']);
  c.currentCallId = msg.callId ?? undefined;
}

/** A DISCONNECT downlink: the end of a segment. Owed messages sent before that DISCONNECT must have come before it. */
function onMarker(m: RunModel, c: CustomerModel, msg: DownlinkMessage): void {
  m.stats.tenantSendsMarkers = true;
  c.markers++;
  c.segmentHasCall = false;
  c.segmentMixed = false;
  const ended = c.disconnects[c.markers - 1];
  if (c.segmentsBroken) return; // an ambiguous DISCONNECT (one at the same time as a CONNECT) may or may not have made it
  if (!ended) {
    c.segmentsBroken = true;
    m.verdicts.broke(R.unexplainedDisconnect, `${label(c)} received a DISCONNECT downlink no DISCONNECT of its own explains (${c.disconnects.length} sent): ${short(msg)}`);
    return;
  }
  // An agent message sent before the DISCONNECT that has not come yet may still come: no document states an order of
  // delivery, so the DISCONNECT downlink overtaking it is an order surprise (guidance), and its loss is judged at the
  // end of the run, after the reply deadline (drain.ts).
  for (const x of m.messages) {
    if (x.customer !== c.index || x.status !== 'owed' || x.received > 0 || x.answeredAt >= ended.sentAt) continue;
    m.verdicts.broke(R.order, `${label(c)}: the session's DISCONNECT downlink arrived before the agent message sent before it (step ${x.step + 1}, ${x.key})`);
  }
}

/** An agent message of this exploration: who it was for, whether it may arrive, unchanged, in order. */
function agentMessage(m: RunModel, c: CustomerModel, msg: DownlinkMessage, poll: Timed): void {
  const hit = KEY_PATTERN.exec(msg.content);
  if (!hit || hit[1] !== m.nonce) return;
  const x = m.byKey.get(hit[0]);
  if (!x) return;
  const v = m.verdicts;
  const who = label(c);
  v.expect(x.customer === c.index, R.agentIsolation, () => `${who} received the agent message ${x.key} sent to customer ${x.customer + 1}`);
  x.received++;
  // The shortest time seen: a later poll only makes a sample longer than the tenant took.
  if (x.received === 1 && x.status === 'owed') m.stats.deliveryMs = Math.min(m.stats.deliveryMs ?? Infinity, Math.max(0, poll.answeredAt - x.answeredAt));
  v.expect(x.received === 1, R.deliveredOnce, () => `${who} received the agent message ${x.key} ${x.received} times`);
  v.expect(x.status !== 'forbidden', x.why.startsWith('refused') ? R.refusedNotDelivered : R.afterDisconnect, () => `${who} received ${x.key}, which ${x.why}`);
  v.expect(Buffer.from(msg.content, 'utf8').equals(Buffer.from(x.content, 'utf8')), R.agentDelivery,
    () => `${who} received ${x.key} altered:\n    sent:     ${JSON.stringify(x.content)}\n    received: ${JSON.stringify(msg.content)}`);
  // In order: a message accepted before this one was sent must have come first.
  for (const earlier of m.messages) {
    if (earlier === x || earlier.customer !== c.index || earlier.status !== 'owed' || earlier.received > 0 || earlier.answeredAt >= x.sentAt) continue;
    v.broke(R.order, `${who} received ${x.key} (step ${x.step + 1}) before ${earlier.key} (step ${earlier.step + 1}, sent first), which has not arrived (state ${showPossible(c)})`);
  }
}
