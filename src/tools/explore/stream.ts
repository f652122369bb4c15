// What a customer receives, checked message by message as polls hand it out. The stream of one customer is in the
// order the tenant queued it (seed 000 chapter 5: poll hands out the pending messages, in order); a DISCONNECT
// downlink (facts: downlink controlType DISCONNECT) cuts it into segments, one per session.
//
// Delivery guarantees checked here (refuse-level: failures):
//   - every message is addressed to this customer, no one else's message reaches it, none arrives twice;
//   - an agent message arrives byte-identical, in the order it was sent, never when it was refused or sent to a call
//     the customer had ended;
//   - nothing is delivered into a session after its DISCONNECT (no message in a segment whose session was not
//     started by a CONNECT; no message of an ended call in a later session);
//   - the robot does not speak once an agent has the session.
import { KEY_PATTERN, label, sameSession, segmentsReliable, showPossible, type CustomerModel, type DownlinkMessage, type RunModel, type Timed } from './model.js';

const short = (m: DownlinkMessage): string =>
  `${m.sourceType}${m.controlType && m.controlType !== 'CHAT' ? `/${m.controlType}` : ''}${m.callId ? ` callId=${m.callId}` : ''}: ${JSON.stringify(m.content.length > 70 ? `${m.content.slice(0, 70)}…` : m.content)}`;

const DELIVERY = 'seed 000 chapter 5 (poll hands out the pending messages of the user) and seed 003 (sendmessage retcode "0": sent)';

/** Takes the messages of one poll (in the order the poll answered them). */
export function ingest(m: RunModel, c: CustomerModel, batch: DownlinkMessage[], poll: Timed): void {
  for (const msg of batch) ingestOne(m, c, msg, poll);
}

function ingestOne(m: RunModel, c: CustomerModel, msg: DownlinkMessage, poll: Timed): void {
  const v = m.verdicts;
  const who = label(c);
  v.expect(msg.to === c.userId, {
    verdict: 'fail', operationId: 'poll', check: 'delivery:addressee', rule: 'poll hands out the messages of the token\'s user only (downlink `to` is the recipient)',
    source: 'seed 000 table 5-1 (to: message recipient ID); facts, Messages', message: `${who} received a message addressed to ${msg.to}: ${short(msg)}`,
  });
  const code = msg.messageCode ?? undefined;
  if (code) {
    v.expect(!c.seenCodes.has(code), { verdict: 'fail', operationId: 'poll', check: 'delivery:once', rule: 'each pending message is handed out once', source: DELIVERY, message: `${who} received messageCode ${code} twice: ${short(msg)}` });
    const other = m.codes.get(code);
    v.expect(other === undefined || other === c.index, { verdict: 'fail', operationId: 'poll', check: 'delivery:isolation', rule: 'a message reaches its customer and no one else', source: DELIVERY, message: `messageCode ${code} reached customer ${(other ?? 0) + 1} and ${who}: ${short(msg)}` });
    c.seenCodes.add(code);
    m.codes.set(code, c.index);
  } else {
    const whole = JSON.stringify(msg);
    v.expect(!c.seenBodies.has(whole), { verdict: 'fail', operationId: 'poll', check: 'delivery:once', rule: 'each pending message is handed out once', source: DELIVERY, message: `${who} received the identical message twice: ${short(msg)}` });
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
      v.expect(reopened, {
        verdict: 'fail', operationId: 'poll', check: 'delivery:after-disconnect', rule: 'nothing is delivered into a session after its DISCONNECT',
        source: 'seed 001 and seed 000 chapter 7 (DISCONNECT ends the session); facts (downlink controlType DISCONNECT)',
        message: `${who} received, after the DISCONNECT of step ${ended.step + 1} and with no CONNECT since: ${short(msg)}`,
      });
    }
  }

  if (msg.callId) {
    const firstSeen = c.calls.get(msg.callId);
    if (reliable && firstSeen !== undefined && firstSeen < segment && c.endedCalls.has(msg.callId)) {
      v.violation({
        verdict: 'fail', operationId: 'poll', check: 'delivery:ended-call', rule: 'nothing of a call the customer ended is delivered into a later session',
        source: 'seed 001 and seed 000 chapter 7 (DISCONNECT ends the session)', message: `${who} received a message of call ${msg.callId}, ended at step ${(c.endedCalls.get(msg.callId) ?? 0) + 1}, in a later session: ${short(msg)}`,
      });
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
      v.violation({
        verdict: 'fail', operationId: 'poll', check: 'robot:only-with-robot', rule: 'the robot answers only while it has the session: once an agent took it, the robot is silent',
        source: 'seed 001 (TRANS2AGENT: "transfer from robot to agent"); seed 000 chapter 7', message: `${who} received a robot message after the agent took the session: ${short(msg)}`,
      });
    }
  }

  agentMessage(m, c, msg);

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
    m.verdicts.expect(transferred, {
      verdict: 'warn', operationId: 'poll', check: 'queue:pickup-without-transfer', rule: 'an agent takes a session the customer transferred (TRANS2AGENT)',
      source: 'seed 001 (Robot-to-manual request)', message: `${label(c)} got call ${msg.callId} in a session that was never transferred: ${short(msg)}`,
    });
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
    m.verdicts.violation({
      verdict: 'warn', operationId: 'poll', check: 'delivery:unexplained-disconnect', rule: 'a DISCONNECT downlink ends a session the customer ended',
      source: 'facts (downlink controlType DISCONNECT)', message: `${label(c)} received a DISCONNECT downlink no DISCONNECT of its own explains (${c.disconnects.length} sent): ${short(msg)}`,
    });
    return;
  }
  for (const x of m.messages) {
    if (x.customer !== c.index || x.status !== 'owed' || x.received > 0 || x.answeredAt >= ended.sentAt) continue;
    m.verdicts.violation({
      verdict: 'fail', operationId: 'sendMessage', check: 'delivery:lost', rule: 'every agent message answered retcode "0" reaches its customer, in order',
      source: DELIVERY, message: `${label(c)}: the session's DISCONNECT downlink arrived, but the agent message sent before it (step ${x.step + 1}, ${x.key}) never did`,
    });
  }
}

/** An agent message of this exploration: who it was for, whether it may arrive, unchanged, in order. */
function agentMessage(m: RunModel, c: CustomerModel, msg: DownlinkMessage): void {
  const hit = KEY_PATTERN.exec(msg.content);
  if (!hit || hit[1] !== m.nonce) return;
  const x = m.byKey.get(hit[0]);
  if (!x) return;
  const v = m.verdicts;
  const who = label(c);
  v.expect(x.customer === c.index, {
    verdict: 'fail', operationId: 'sendMessage', check: 'delivery:isolation', rule: 'an agent message reaches the customer of its call and no one else',
    source: DELIVERY, message: `${who} received the agent message ${x.key} sent to customer ${x.customer + 1}`,
  });
  x.received++;
  v.expect(x.received === 1, { verdict: 'fail', operationId: 'sendMessage', check: 'delivery:once', rule: 'every agent message answered retcode "0" reaches its customer exactly once', source: DELIVERY, message: `${who} received ${x.key} ${x.received} times` });
  v.expect(x.status !== 'forbidden', {
    verdict: 'fail', operationId: 'sendMessage', check: 'delivery:forbidden', rule: x.why.startsWith('refused') ? 'a refused agent message (retcode other than "0") is not delivered' : 'nothing is delivered into a session after its DISCONNECT',
    source: x.why.startsWith('refused') ? 'seed 003 (retcode: 0 success, other values failure)' : 'seed 001 and seed 000 chapter 7 (DISCONNECT ends the session)',
    message: `${who} received ${x.key}, which ${x.why}`,
  });
  v.expect(Buffer.from(msg.content, 'utf8').equals(Buffer.from(x.content, 'utf8')), {
    verdict: 'fail', operationId: 'sendMessage', check: 'delivery:byte-identical', rule: 'the customer receives the agent\'s text as sent',
    source: 'seed 003 (data.content) → seed 000 table 5-1 (content)', message: `${who} received ${x.key} altered:\n    sent:     ${JSON.stringify(x.content)}\n    received: ${JSON.stringify(msg.content)}`,
  });
  // In order: a message accepted before this one was sent must have come first.
  for (const earlier of m.messages) {
    if (earlier === x || earlier.customer !== c.index || earlier.status !== 'owed' || earlier.received > 0 || earlier.answeredAt >= x.sentAt) continue;
    v.violation({
      verdict: 'fail', operationId: 'sendMessage', check: 'delivery:order', rule: 'agent messages reach the customer in the order they were sent, none lost',
      source: DELIVERY, message: `${who} received ${x.key} (step ${x.step + 1}) before ${earlier.key} (step ${earlier.step + 1}, sent first), which has not arrived (state ${showPossible(c)})`,
    });
  }
}
