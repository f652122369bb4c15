// The lenient tenant's answers (the post-response hook): optional fields the tables mark not mandatory left out,
// tokenByAkSk's Expires and CreateTime as numbers (only the facts say strings),
// `returnCode` where the examples answer it (E3), a success without `resultCode` where the spec's schema lets it go
// (the applyToken and downloadFileStream examples, E1 and E10; the click-to-call tables), and undocumented fields
// added. Every change keeps the answer valid against the spec's schemas (they are open to more fields and require
// none of the ones left out).
import { validateResponseBody } from '../../../src/contract/validators.js';
import type { OutgoingAnswer } from '../extensions.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Downlink fields table 5-1 does not mark mandatory, and fields only the facts name, left out of every message
 *  (interIdx and callId stay: what a robot rating and an agent's answer need). */
const OPTIONAL_DOWNLINK = ['senderNickname', 'senderAvatar', 'timestamp', 'robotGender', 'queueFlag', 'messageCode'];
/** queryQueueInfo's waiting times (table 4-2, none mandatory): only the position is answered. */
const OPTIONAL_QUEUE = ['totalWaitTime', 'currentDeviceWaitTime', 'configMaxcWaitTime', 'longestWaitTime', 'estimateWaitTime'];
/** Operations whose examples answer returnCode, not the table's resultCode (E3). */
const RETURN_CODE = new Set(['saveSatisfaction', 'uploadFileStream']);

/** Fields no document names, as a tenant's newer release would add them. */
export const UNDOCUMENTED_ANSWER_FIELD = 'tenantTraceId';
export const UNDOCUMENTED_MESSAGE_FIELD = 'displayHint';

const without = (o: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !fields.includes(k)));

function reshape(operationId: string, status: number, body: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> = { ...body, [UNDOCUMENTED_ANSWER_FIELD]: `lenient-${operationId}` };
  if (status !== 200) return out;
  // Every table marks resultDesc not mandatory, getClickToCallEvents' too (table 12-3), where it names the event.
  out = without(out, ['resultDesc']);
  if (operationId === 'queryQueueInfo') out = without(out, OPTIONAL_QUEUE);
  // Chapter 2 has an example and no table; "every value a string" is a fact: the times as numbers.
  if (operationId === 'tokenByAkSk') out = { ...out, Expires: Number(out.Expires), CreateTime: Number(out.CreateTime) };
  if (RETURN_CODE.has(operationId) && typeof out.resultCode === 'string') {
    const { resultCode, ...rest } = out;
    out = { ...rest, returnCode: resultCode };
  }
  if (out.resultCode === '0') {
    const bare = without(out, ['resultCode']);
    if (validateResponseBody(operationId, 200, bare).valid) out = bare;
  }
  if (operationId === 'poll' && Array.isArray(out.downlinkMessages)) {
    out.downlinkMessages = (out.downlinkMessages as unknown[]).map((m) => (isObject(m) ? { ...without(m, OPTIONAL_DOWNLINK), [UNDOCUMENTED_MESSAGE_FIELD]: 'plain' } : m));
  }
  return out;
}

export function lenientAnswer(answer: OutgoingAnswer): OutgoingAnswer | undefined {
  if (!isObject(answer.body)) return undefined;
  return { ...answer, body: reshape(answer.operationId, answer.status, answer.body) };
}
