// The HTTP side of a step: builds the documented request with the suite's client (`call('<operationId>', …)`), sends
// it, and takes the answer checks' observations (answer.ts). What the answer means for the model is apply.ts's job.
import { applyTokenBody } from '../../fixtures/builders.js';
import { NoAnswerError, type Reply } from '../../fixtures/client.js';
import { registerSecret } from '../../src/contract/secrets.js';
import { judged, type Judged } from './answer.js';
import { messageKey, type DownlinkMessage, type RunModel, type Timed } from './model.js';
import { EXPLORE_RULES } from './rules.js';
import { operationOf, type SingleStep } from './steps.js';
import type { RunReal } from './world.js';

export interface Outcome extends Timed {
  step: number;
  answer: Judged;
  /** The messages a poll handed out. */
  messages?: DownlinkMessage[];
  /** agentReply: the message as sent and the call it went to. */
  sent?: { key: string; content: string; callId: string };
  /** upload: the bytes; download: the file asked for. */
  file?: { bytes: Buffer; fileType: string; objectKey?: string; owner?: number };
}

export const clock = (): number => performance.now();

/** Deterministic file content of an upload step: text for an even fill, bytes whose base64 has + and / for an odd one. */
export function uploadBytes(size: number, fill: number): { bytes: Buffer; fileType: 'txt' | 'mp3' } {
  if (fill % 2 === 0) {
    const line = `explore file ${fill} — Grüße 你好 `;
    return { bytes: Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size), 'utf8'), fileType: 'txt' };
  }
  const bytes = Buffer.from(Array.from({ length: size }, (_, i) => (i * 37 + fill * 11 + 251) % 256));
  Buffer.from([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff]).copy(bytes, 0);
  return { bytes, fileType: 'mp3' };
}

const UNKNOWN_INTERIDX = '987654321';
const UNKNOWN_OBJECT_KEY = '00000000-0000-4000-8000-00000000e404';

async function send(m: RunModel, operationId: string, request: () => Promise<Reply>): Promise<{ answer: Judged; sentAt: number; answeredAt: number }> {
  const sentAt = clock();
  let response: Reply;
  try {
    response = await request();
  } catch (e) {
    if (!(e instanceof NoAnswerError)) throw e;
    m.verdicts.broke({ ...EXPLORE_RULES.unanswered, operationId }, e.message);
    throw e;
  }
  const answer = await judged(m.verdicts, response);
  return { answer, sentAt, answeredAt: clock() };
}

/** Sends the step's request (one step of one customer, or the agent's reply to it). */
export async function perform(rt: RunReal, m: RunModel, s: SingleStep, step: number): Promise<Outcome> {
  const customer = rt.customers[s.c];
  const c = m.customers[s.c];
  const { config } = rt.world;
  const op = operationOf(s);
  const done = (r: { answer: Judged; sentAt: number; answeredAt: number }, extra: Partial<Outcome> = {}): Outcome => ({ ...r, step, ...extra });
  switch (s.op) {
    case 'connect': return done(await send(m, op, () => customer.send('CONNECT')));
    case 'chat': return done(await send(m, op, () => customer.send('CHAT', s.text)));
    case 'input': return done(await send(m, op, () => customer.send('INPUT')));
    case 'transfer': return done(await send(m, op, () => customer.send('TRANS2AGENT')));
    case 'disconnect': return done(await send(m, op, () => customer.send('DISCONNECT')));
    case 'poll':
    case 'waitAgent': {
      const r = await send(m, op, () => customer.api.call('poll', { query: { receiverId: customer.userId, channel: 'WEB' } }));
      const list = (r.answer.body as { downlinkMessages?: unknown } | undefined)?.downlinkMessages;
      return done(r, { messages: Array.isArray(list) ? list as DownlinkMessage[] : [] });
    }
    case 'queue': return done(await send(m, op, () => customer.queryQueueInfo()));
    case 'renewToken': {
      const r = await send(m, op, () => customer.api.call('applyToken', { body: applyTokenBody(customer.who, config.channelConfigId) }));
      const token = (r.answer.body as { token?: unknown } | undefined)?.token;
      if (r.answer.status === 200 && r.answer.code !== undefined && r.answer.code !== '0') return done(r);
      if (typeof token === 'string' && token) {
        registerSecret(token);
        customer.token = token;
      }
      return done(r);
    }
    case 'checkSupport': return done(await send(m, op, () => customer.api.checkClickToCallSupport()));
    case 'createClickToCall': return done(await send(m, op, () => customer.createClickToCall('0')));
    case 'clickToCallEvents': return done(await send(m, op, () => customer.api.getClickToCallEvents()));
    case 'dropClickToCall': return done(await send(m, op, () => customer.dropClickToCall()));
    case 'leaveMessage':
      return done(await send(m, op, () => customer.api.call('doLeaveMessage', { body: { callId: customer.userId, caller: `1${String(100_000_000 + step).padStart(10, '0')}`, leaveMessage: `Please call me back (exploration step ${step + 1})`, channel: 'WEB' } })));
    case 'mobileCall': {
      // On a tenant createMobileAgentCall dials CEC_TEST_PHONE and no other number (the steps are disabled without it).
      const called = config.target === 'mock' ? `0${String(100_000_000 + step)}` : config.testPhone!;
      return done(await send(m, op, () => rt.world.api.call('createMobileAgentCall', { body: { called, callData: `explore-${step}`, callerPresent: '95599' } })));
    }
    case 'phrase': return done(await send(m, op, () => customer.api.call('queryPhraseByKeyword', { body: { strContent: s.text, locale: customer.who.locale, channel: 'WEB' } })));
    case 'feedback': {
      const interIdx = s.kind === 'unknown-idx' || !c.interIdx.length ? UNKNOWN_INTERIDX : c.interIdx[c.interIdx.length - 1];
      const body = s.kind === 'satisfied' || s.kind === 'unknown-idx'
        ? { feedback: 1 as const, from: customer.userId, interIdx }
        : s.kind === 'dissatisfied' ? { feedback: 0 as const, feedbackContent: 'not what I asked', from: customer.userId, interIdx } : { feedback: 0 as const, from: customer.userId, interIdx };
      return done(await send(m, op, () => customer.api.call('feedbackSatisfaction', { body })));
    }
    case 'satisfaction':
      return done(await send(m, op, () => customer.api.call('saveSatisfaction', { body: { channel: 'WEB', userId: customer.userId, evaluation: s.evaluation, comment: 'explored', channelConfigId: config.channelConfigId } })));
    case 'upload': {
      const file = uploadBytes(s.size, s.fill);
      const r = await send(m, op, () => customer.api.call('uploadFileStream', { body: { fileType: file.fileType, fileStream: file.bytes.toString('base64'), channel: 'WEB' } }));
      const objectKey = (r.answer.body as { objectKey?: unknown } | undefined)?.objectKey;
      return done(r, { file: { ...file, objectKey: typeof objectKey === 'string' ? objectKey : undefined } });
    }
    case 'download': {
      const owner = s.whose === 'own' ? c : s.whose === 'other' ? m.customers.find((o) => o !== c && o.files.length > 0) : undefined;
      const f = owner?.files[owner.files.length - 1];
      const objectKey = f?.objectKey ?? UNKNOWN_OBJECT_KEY;
      const fileType = (f?.fileType ?? 'txt') as 'txt';
      const r = await send(m, op, () => customer.api.call('downloadFileStream', { body: { fileId: objectKey, channel: 'WEB', fileType } }));
      return done(r, { file: { bytes: f?.bytes ?? Buffer.alloc(0), fileType, objectKey, owner: owner?.index } });
    }
    case 'agentReply': {
      const agent = rt.world.agent!;
      const callId = s.call === 'current' ? c.currentCallId! : [...c.endedCalls.keys()].at(-1)!;
      const key = messageKey(m.nonce, ++m.seq);
      const content = `${s.text} ${key}`;
      const r = await send(m, op, () => agent.sendText(callId, customer.userId, content));
      return done(r, { sent: { key, content, callId } });
    }
  }
}
