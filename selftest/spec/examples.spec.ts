// Every documented request and response example validates against its operation, in the default profile and in
// the strict profile (CEC_STRICT=1, undocumented response fields fail).
import { test, expect } from '@playwright/test';
import { type OperationInfo } from '../../src/contract/spec.js';
import { Contract, operations } from '../../src/contract/contract.js';
import { validateRequestBody, validateResponseBody } from '../../src/contract/validators.js';
import { at } from './schema-walk.js';

interface Example { operationId: string; direction: 'request' | 'response'; status?: string; name: string; value: unknown }

function examplesOf(op: OperationInfo): Example[] {
  const found: Example[] = [];
  const media = (pointer: string) => (at(pointer) as { examples?: Record<string, { value: unknown }> } | undefined)?.examples ?? {};
  if (op.requestSchemaPointer) {
    for (const [name, ex] of Object.entries(media(op.requestSchemaPointer.replace(/\/schema$/, '')))) found.push({ operationId: op.operationId, direction: 'request', name, value: ex.value });
  }
  for (const [status, pointer] of Object.entries(op.responseSchemaPointers)) {
    if (!pointer) continue;
    for (const [name, ex] of Object.entries(media(pointer.replace(/\/schema$/, '')))) found.push({ operationId: op.operationId, direction: 'response', status, name, value: ex.value });
  }
  return found;
}

const all = (): Example[] => [...operations().values()].flatMap(examplesOf);

test('the spec carries the documents\' examples', () => {
  const examples = all();
  const withExamples = new Set(examples.map((e) => e.operationId));
  // queryQueueInfo, agentSignIn and agentSignOut have no example in any document.
  expect([...operations().keys()].filter((id) => !withExamples.has(id)).sort()).toEqual(['agentSignIn', 'agentSignOut', 'queryQueueInfo']);
  expect(examples.filter((e) => e.operationId === 'send')).toHaveLength(8);
  expect(examples.length).toBeGreaterThanOrEqual(35);
});

for (const profile of ['default', 'strict'] as const) {
  test.describe(`${profile} profile`, () => {
    const c = new Contract({ strict: profile === 'strict' });

    test('every documented example validates against its operation', () => {
      const failures = all().flatMap((e) => {
        const result = e.direction === 'request' ? validateRequestBody(e.operationId, e.value, c) : validateResponseBody(e.operationId, e.status!, e.value, c);
        return result.valid ? [] : [`${e.operationId} ${e.direction} ${e.status ?? ''} ${e.name}: ${JSON.stringify(result.errors)}`];
      });
      expect(failures).toEqual([]);
    });
  });
}

test('the strict profile rejects an undocumented response field that the default profile accepts', () => {
  const body = { resultCode: '0', resultDesc: 'ok', robotMood: 'cheerful' };
  expect(validateResponseBody('send', 200, body, new Contract()).valid).toBe(true);
  const c = new Contract({ strict: true });
  const strict = validateResponseBody('send', 200, body, c);
  expect(strict.valid).toBe(false);
  expect(strict.errors.map((e) => e.pointer)).toContain('/robotMood');
  // Fields the documents name stay valid in the strict profile (robotGender is in the poll example).
  const poll = validateResponseBody('poll', 200, { resultCode: '0', downlinkMessages: [{ channel: 'WEB', content: 'hi', from: 'r', mediaType: 'TEXT', sourceType: 'ROBOT', to: 'u', simQuestions: null, robotGender: 'MALE', interIdx: '1' }] }, c);
  expect(poll.errors).toEqual([]);
});
