// For every operation, broken variants of a valid body fail, each at the expected JSON pointer.
import { test, expect } from '@playwright/test';
import { operations } from '../../src/contract/contract.js';
import { validateRequestBody, validateResponseBody, validateParameters } from '../../src/contract/validators.js';
import { formatErrors } from '../../src/contract/matcher.js';
import { at, brokenVariants, type Schema } from './schema-walk.js';

/** A valid request body per operation: the documented example, or one built from the table where none exists. */
const VALID_REQUESTS: Record<string, Record<string, unknown>> = {
  queryQueueInfo: { userId: 'u1', channelConfigId: 'c1', channel: 'WEB' },
  agentSignIn: { password: 'p', phonenum: '88880043', status: '5', releasephone: false, agenttype: '4', autoenteridle: true },
};
/** A valid 200 body per operation, where no documented example names every required field. */
const VALID_RESPONSES: Record<string, Record<string, unknown>> = {
  queryQueueInfo: { resultCode: '0', position: 1, totalWaitTime: 3, currentDeviceWaitTime: 2, configMaxcWaitTime: 60, longestWaitTime: 5, estimateWaitTime: 4 },
  agentSignIn: { retcode: '0', message: 'success', result: {} },
  agentSignOut: { retcode: '0', message: 'success' },
  applyToken: { token: 'tok', resultCode: '0', resultDesc: 'ok' },
  saveSatisfaction: { resultCode: '0', resultDesc: 'ok' },
  uploadFileStream: { resultCode: '0', objectKey: 'k' },
  downloadFileStream: { resultCode: '0', fileStream: 'AAAA' },
  queryPhraseByKeyword: { resultCode: '0', phrases: ['a'] },
};

function firstExample(pointer: string): Record<string, unknown> | undefined {
  const examples = (at(pointer.replace(/\/schema$/, '')) as { examples?: Record<string, { value: Record<string, unknown> }> }).examples;
  return examples ? Object.values(examples)[0]?.value : undefined;
}

for (const op of operations().values()) {
  test.describe(op.operationId, () => {
    if (op.requestSchemaPointer) {
      const valid = VALID_REQUESTS[op.operationId] ?? firstExample(op.requestSchemaPointer)!;
      test('request: the valid body passes and each broken variant fails at its pointer', () => {
        expect(validateRequestBody(op.operationId, valid).errors).toEqual([]);
        const variants = brokenVariants(at(op.requestSchemaPointer!) as Schema, valid);
        expect(variants.length).toBeGreaterThan(2);
        for (const v of variants) {
          const result = validateRequestBody(op.operationId, v.body);
          expect(result.valid, `${op.operationId} request ${v.name}`).toBe(false);
          expect(result.errors.map((e) => e.pointer), `${op.operationId} request ${v.name}`).toContain(v.pointer);
          expect(formatErrors(result.errors)).toContain(`at ${v.pointer}:`);
        }
      });
    }
    test('response: the valid 200 body passes and each broken variant fails at its pointer', () => {
      const pointer = op.responseSchemaPointers['200']!;
      const valid = VALID_RESPONSES[op.operationId] ?? firstExample(pointer)!;
      expect(valid, `a valid 200 body for ${op.operationId}`).toBeDefined();
      expect(validateResponseBody(op.operationId, 200, valid).errors).toEqual([]);
      const variants = brokenVariants(at(pointer) as Schema, valid);
      expect(variants.length).toBeGreaterThan(0);
      for (const v of variants) {
        const result = validateResponseBody(op.operationId, 200, v.body);
        expect(result.valid, `${op.operationId} response ${v.name}`).toBe(false);
        expect(result.errors.map((e) => e.pointer), `${op.operationId} response ${v.name}`).toContain(v.pointer);
      }
      const undocumented = validateResponseBody(op.operationId, 299, valid);
      expect(undocumented.valid).toBe(false);
      expect(undocumented.errors[0].keyword).toBe('status');
    });
  });
}

test('a nested downlink message field is reported at its full pointer', () => {
  const result = validateResponseBody('poll', 200, { resultCode: '0', downlinkMessages: [{ channel: 'WEB', content: 'x', from: 'r', mediaType: 'TEXT', sourceType: 'ROBOT', to: 'u', simQuestions: null }, { channel: 'WEB', content: 'x'.repeat(501), from: 'r', mediaType: 'TEXT', sourceType: 'ROBOT', to: 'u', simQuestions: null }] });
  expect(result.errors.map((e) => e.pointer)).toEqual(['/downlinkMessages/1/content']);
});

test('feedbackContent is bounded in bytes, not characters', () => {
  const base = { feedback: 0, from: 'u', interIdx: '1' };
  expect(validateRequestBody('feedbackSatisfaction', { ...base, feedbackContent: 'a'.repeat(64) }).valid).toBe(true);
  // The valid side of the byte bound in two-byte text: 32 characters, 64 bytes.
  expect(validateRequestBody('feedbackSatisfaction', { ...base, feedbackContent: 'é'.repeat(32) }).valid).toBe(true);
  const multiByte = validateRequestBody('feedbackSatisfaction', { ...base, feedbackContent: 'é'.repeat(33) });
  expect(multiByte.errors.map((e) => [e.pointer, e.keyword])).toEqual([['/feedbackContent', 'x-max-bytes']]);
});

test('TEXT content of send is at most 1 KB; other media types are not bound by it', () => {
  const base = { channel: 'WEB', controlType: 'CHAT', from: 'u', sourceType: 'CUSTOMER', to: 'c' };
  expect(validateRequestBody('send', { ...base, mediaType: 'TEXT', content: 'x'.repeat(1024) }).valid).toBe(true);
  expect(validateRequestBody('send', { ...base, mediaType: 'TEXT', content: 'x'.repeat(1025) }).errors.map((e) => e.pointer)).toContain('/content');
  expect(validateRequestBody('send', { ...base, mediaType: 'FILE', content: 'x'.repeat(1025) }).valid).toBe(true);
});

test('parameters: X-Token-Expire above 3600, a missing channel query and an agentid outside 101–59999 fail', () => {
  expect(validateParameters('tokenByAkSk', { header: { 'X-Token-Expire': '3600' } }).valid).toBe(true);
  expect(validateParameters('tokenByAkSk', { header: { 'x-token-expire': '3601' } }).errors.map((e) => e.pointer)).toEqual(['/header/X-Token-Expire']);
  expect(validateParameters('getClickToCallEvents', { query: {} }).errors.map((e) => e.pointer)).toEqual(['/query/channel']);
  expect(validateParameters('getClickToCallEvents', { query: { channel: 'PIGEON' } }).errors.map((e) => e.pointer)).toEqual(['/query/channel']);
  for (const id of ['101', '59999', '3456']) expect(validateParameters('sendMessage', { path: { agentid: id } }).valid, id).toBe(true);
  for (const id of ['100', '60000', '0101', 'abc']) expect(validateParameters('sendMessage', { path: { agentid: id } }).errors.map((e) => e.pointer), id).toEqual(['/path/agentid']);
});
