// What an answer means for the model, and the checks that hold right after a step: the session states the customer
// may now be in, the agent messages it is owed, the files it owns, the click-to-call stage, and whether the answers
// agree with the state (queue information, robot feedback, downloads, click-to-call events).
import { decodeBase64Strict } from '../../fixtures/builders.js';
import { label, showPossible, type CustomerModel, type RunModel } from './model.js';
import type { Outcome } from './perform.js';
import { EXPLORE_RULES as R } from './rules.js';
import { certain, CLICK_TO_CALL_EVENTS, isActive, NO_CLICK_TO_CALL_EVENTS, seenAs, type Answer, type SessionState } from './states.js';
import type { SingleStep } from './steps.js';
import { ingest } from './stream.js';

export const answerOf = (o: Outcome): Answer => {
  if (o.answer.status === 200 && o.answer.code === '0') return 'ok';
  if (o.answer.status >= 400 && o.answer.status < 500) return 'refused';
  if (o.answer.status === 200 && o.answer.code !== undefined) return 'refused';
  return 'unknown';
};

/**
 * A success as the documents allow it to be answered: HTTP 200 with result code "0", or with none where the schema
 * lets a success go without one (applyToken's `{token}`, E1; downloadFileStream's `{fileStream}`, E10; the
 * click-to-call tables): a refusal carries a code or a 4xx.
 */
const succeeded = (o: Outcome): boolean => o.answer.status === 200 && (o.answer.code === '0' || o.answer.code === undefined);

/** The customer's situation before the step (the model is updated in place). */
export interface Before {
  possible: ReadonlySet<SessionState>;
  currentCallId?: string;
}

/** Updates the model with a step's answer (session state excepted: execute.ts applies that for the pair). */
export function apply(m: RunModel, s: SingleStep, o: Outcome, before: Before, partner?: SingleStep): void {
  const c = m.customers[s.c];
  const answer = answerOf(o);
  const timed = { sentAt: o.sentAt, answeredAt: o.answeredAt, step: o.step };
  const was = certain(before.possible);
  const changesSession = (p?: SingleStep): boolean => p !== undefined && ['connect', 'transfer', 'disconnect'].includes(p.op);
  switch (s.op) {
    case 'connect':
      c.connects.push(timed);
      // The documents leave open whether a CONNECT during a transferred session starts a new one (robot again).
      if (answer !== 'refused' && (before.possible.has('queued') || before.possible.has('agent'))) c.segmentMixed = true;
      return;
    case 'transfer':
      if (answer !== 'refused') {
        c.transfers.push(timed);
        if (before.possible.has('robot')) c.transferredAt = o.sentAt;
      }
      return;
    case 'disconnect': {
      if (answer === 'refused') return;
      // `before.possible`: every state the DISCONNECT may have met (with a CONNECT beside it, the new session too).
      const active = [...before.possible].filter(isActive).length;
      if (answer === 'ok' && active === before.possible.size) c.disconnects.push(timed);
      else if (active > 0) c.segmentsBroken = true; // a DISCONNECT downlink may or may not follow: segments can no longer be matched
      if (before.currentCallId && before.possible.has('agent')) c.endedCalls.set(before.currentCallId, o.step);
      if (before.possible.has('queued') || before.possible.has('agent')) c.lateRisk = true; // a pickup racing the DISCONNECT
      c.currentCallId = undefined;
      return;
    }
    case 'chat':
      if (answer === 'ok' && was === 'robot' && !changesSession(partner)) c.robotAnswersExpected++;
      return;
    case 'agentReply':
      return agentReply(m, c, o, before, partner);
    case 'queue':
      return queueInfo(m, c, o, before, partner);
    case 'feedback':
      return feedback(m, c, s, o);
    case 'upload':
      if (answer === 'ok' && o.file?.objectKey) c.files.push({ objectKey: o.file.objectKey, fileType: o.file.fileType, bytes: o.file.bytes });
      else m.verdicts.broke(R.uploadStored, `${label(c)}: upload of ${o.file?.bytes.length} bytes answered HTTP ${o.answer.status} code ${o.answer.code ?? '(none)'}`);
      return;
    case 'download':
      return download(m, c, s, o);
    case 'satisfaction':
      m.verdicts.expect(o.answer.code === '0' || o.answer.code === '13', R.satisfactionCode, () => `${label(c)} (${showPossible(c)}): code ${o.answer.code ?? '(none)'}`);
      return;
    case 'renewToken':
      m.verdicts.expect(succeeded(o) && typeof (o.answer.body as { token?: unknown } | undefined)?.token === 'string', R.tokenRenew, () => `${label(c)}: applyToken answered HTTP ${o.answer.status} code ${o.answer.code ?? '(none)'}`);
      return;
    case 'createClickToCall':
    case 'clickToCallEvents':
    case 'dropClickToCall':
      return clickToCall(m, c, s.op, o);
    case 'leaveMessage':
      m.verdicts.expect(['0', '3', '13'].includes(o.answer.code ?? ''), R.leaveMessageCode, () => `${label(c)}: code ${o.answer.code ?? '(none)'}`);
      return;
    case 'poll':
    case 'waitAgent':
      ingest(m, c, o.messages ?? [], timed);
      return;
    default:
      return;
  }
}

function agentReply(m: RunModel, c: CustomerModel, o: Outcome, before: Before, partner?: SingleStep): void {
  const sent = o.sent!;
  const ok = o.answer.code === '0' && o.answer.status === 200;
  const endedAt = c.endedCalls.get(sent.callId);
  let status: 'owed' | 'allowed' | 'forbidden';
  let why: string;
  if (!ok) {
    status = 'forbidden';
    why = `was refused (retcode ${o.answer.code ?? '(none)'})`;
  } else if (endedAt !== undefined && endedAt < o.step) {
    status = 'forbidden';
    why = `was sent to call ${sent.callId} after the customer's DISCONNECT ended it (step ${endedAt + 1})`;
    m.verdicts.broke(R.endedCallAccepted, `agent → ${label(c)}: retcode "0" for call ${sent.callId}, ended at step ${endedAt + 1}`);
  } else if (certain(before.possible) === 'agent' && before.currentCallId === sent.callId && !(partner && ['connect', 'disconnect'].includes(partner.op))) {
    status = 'owed';
    why = 'was accepted while the call was live';
  } else {
    status = 'allowed';
    why = `was accepted while the session was ${[...before.possible].join(' or ')}${partner ? ` with ${partner.op} at the same time` : ''}`;
  }
  if (!ok && certain(before.possible) === 'agent' && before.currentCallId === sent.callId && !partner) {
    m.verdicts.broke(R.replyRefused, `agent → ${label(c)}: retcode ${o.answer.code ?? '(none)'} for the live call ${sent.callId}`);
  }
  const x = { key: sent.key, content: sent.content, customer: c.index, callId: sent.callId, status, why, received: 0, sentAt: o.sentAt, answeredAt: o.answeredAt, step: o.step };
  m.messages.push(x);
  m.byKey.set(x.key, x);
  if (status === 'forbidden' && ok) c.lateRisk = true;
  const was = seenAs(before.possible);
  if (was) m.coverage.transition(was, 'agentReply', was);
  if (ok && before.possible.has('agent') && before.currentCallId === sent.callId && before.possible.size > 1 && !partner) c.possible = new Set(['agent']);
}

function queueInfo(m: RunModel, c: CustomerModel, o: Outcome, before: Before, partner?: SingleStep): void {
  const code = o.answer.code;
  const was = certain(before.possible);
  const body = (o.answer.body ?? {}) as { position?: unknown };
  const warn = (why: string, rule = R.queueState): void => m.verdicts.broke(rule, `${label(c)} (${[...before.possible].join('|')}): ${why}`);
  const seen = seenAs(before.possible);
  if (seen) m.coverage.transition(seen, 'queryQueueInfo', seen);
  if (o.answer.status !== 200 || code === undefined) return;
  if (was === 'none' && code === '0') warn('"0" before any CONNECT', R.queueAfterConnect);
  if (was === 'ended' && code === '0') warn('"0" for a session that ended ("5" or "160004")');
  if (was === 'agent' && code === '0') warn('"0" (queued) while an agent has the session ("160021")');
  if (was === 'queued' && code === '0' && !(Number.isInteger(body.position) && (body.position as number) >= 1)) warn(`queued, but position ${JSON.stringify(body.position)}`);
  // Narrow the model where the answer says what the state is (not beside another request: which came first?).
  if (partner) return;
  const narrow = (to: SessionState[]): void => {
    const kept = new Set([...c.possible].filter((x) => to.includes(x)));
    if (kept.size) c.possible = kept;
  };
  if (code === '0' && Number.isInteger(body.position) && (body.position as number) >= 1) narrow(['queued']);
  if (code === '160021') narrow(['agent']);
  if (code === '5' || code === '160004') narrow(['ended', 'none']);
}

function feedback(m: RunModel, c: CustomerModel, s: Extract<SingleStep, { op: 'feedback' }>, o: Outcome): void {
  const code = o.answer.code;
  const seen = seenAs(c.possible);
  if (seen) m.coverage.transition(seen, 'feedback', seen);
  if (o.answer.status !== 200) return;
  if (s.kind === 'no-content') {
    const said = `${label(c)}: "dissatisfied" without feedbackContent answered code ${code ?? '(none)'}`;
    m.verdicts.expect(code !== '0', R.feedbackContent, () => said);
    m.verdicts.expect(code === '0' || code === '30000000008', R.feedbackCode, () => said);
  } else if (s.kind === 'unknown-idx' || !c.interIdx.length) {
    m.verdicts.expect(code !== '0', R.feedbackUnknown, () => `${label(c)}: an interIdx the robot never gave was rated "0"`);
  } else {
    m.verdicts.expect(code === '0' || code === '30000000019', R.feedbackRated, () => `${label(c)} (${showPossible(c)}): rating interIdx ${c.interIdx.at(-1)} answered ${code ?? '(none)'}`);
  }
}

function download(m: RunModel, c: CustomerModel, s: Extract<SingleStep, { op: 'download' }>, o: Outcome): void {
  const code = o.answer.code;
  const stream = (o.answer.body as { fileStream?: unknown } | undefined)?.fileStream;
  if (s.whose === 'own') {
    if (!succeeded(o)) {
      m.verdicts.broke(R.ownDownload, `${label(c)}: download of its own file answered HTTP ${o.answer.status} code ${code ?? '(none)'}`);
      return;
    }
    let bytes: Buffer | undefined;
    try {
      bytes = typeof stream === 'string' ? decodeBase64Strict(stream) : undefined;
    } catch (e) {
      m.verdicts.broke(R.sameBytes, `${label(c)}: the fileStream is not standard padded base64: ${(e as Error).message}`);
    }
    m.verdicts.expect(bytes !== undefined && bytes.equals(o.file!.bytes), R.sameBytes,
      () => `${label(c)}: downloaded ${bytes?.length ?? 'no'} bytes, uploaded ${o.file!.bytes.length} (${bytes ? 'different content' : 'no fileStream'})`);
    return;
  }
  const accepted = succeeded(o) && typeof stream === 'string' && stream.length > 0;
  if (s.whose === 'other') {
    m.verdicts.expect(!accepted, R.ownFilesOnly, () => `accepted: ${label(c)} downloaded customer ${(o.file?.owner ?? 0) + 1}'s file`);
  } else {
    m.verdicts.expect(!accepted, R.unknownFile, () => `accepted: ${label(c)}: an unknown objectKey answered "0" with a fileStream`);
  }
}

function clickToCall(m: RunModel, c: CustomerModel, op: 'createClickToCall' | 'clickToCallEvents' | 'dropClickToCall', o: Outcome): void {
  const stage = c.clickToCall;
  const ok = succeeded(o);
  const say = (message: string): string => `${label(c)} (call ${stage}): ${message}`;
  if (op === 'createClickToCall') {
    if (ok && (stage === 'idle' || stage === 'dropped')) c.clickToCall = 'created';
    m.coverage.clickToCall(stage, 'create', c.clickToCall);
    return;
  }
  if (op === 'dropClickToCall') {
    if (ok && (stage === 'created' || stage === 'connected')) c.clickToCall = 'dropped';
    else if (ok && stage === 'idle') m.verdicts.broke(R.dropWithoutCall, say('drop without a call answered "0"'));
    m.coverage.clickToCall(stage, 'drop', c.clickToCall);
    return;
  }
  const body = (o.answer.body ?? {}) as { resultDesc?: unknown; eventId?: unknown };
  const desc = typeof body.resultDesc === 'string' ? body.resultDesc : '';
  const isEvent = body.eventId !== undefined && body.eventId !== null && desc !== NO_CLICK_TO_CALL_EVENTS;
  // An event without a description (resultDesc is not mandatory, table 12-3) cannot be followed: no verdict on it.
  if (ok && isEvent && desc) {
    const expected = CLICK_TO_CALL_EVENTS[stage];
    if (!expected.includes(desc)) m.verdicts.broke(R.eventOrder, say(`event ${JSON.stringify(desc)}; expected one of ${expected.length ? expected.map((x) => JSON.stringify(x)).join(', ') : '(none: no call)'}`));
    if (desc === 'Call connected' && stage === 'created') c.clickToCall = 'connected';
  }
  m.coverage.clickToCall(stage, 'events', c.clickToCall);
}
