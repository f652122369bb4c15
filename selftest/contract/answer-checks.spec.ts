// The checks every answer meets (src/contract/answer-checks.ts), each with the strength of the rule it breaks.
import { expect, test } from '@playwright/test';
import { checkAnswer, type Answer } from '../../src/contract/answer-checks.js';
import { Contract } from '../../src/contract/contract.js';

const c = new Contract();
const json = { 'content-type': 'application/json;charset=UTF-8' };
const answer = (operationId: string, status: number, body: unknown, headers: Record<string, string> = json): Answer => {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return { operationId, method: 'POST', url: 'http://t/x', status, headers, bodyText, bodyBytes: Buffer.byteLength(bodyText) };
};
const check = (a: Answer, strict = false, maxBytes = 1 << 20) => checkAnswer(c, a, { strict, maxBytes });
const verdicts = (a: Answer, strict = false) => check(a, strict).map((o) => `${o.verdict} ${o.signature}`);

test('an answer by the contract passes every check', () => {
  expect(check(answer('send', 200, { resultCode: '0', resultDesc: 'ok' }))).toEqual([]);
  expect(check(answer('send', 400, { errorCode: 'X', exceptionInfo: 'bad' }))).toEqual([]);
});

test('a 5xx fails, and a gateway\'s HTML 502 says the tenant may be down', () => {
  const [o] = check(answer('poll', 502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }));
  expect(o).toMatchObject({ verdict: 'fail', check: 'server-error', signature: 'poll server-error HTTP 502' });
  expect(o.message).toMatch(/tenant may be down/);
});

test('an undocumented success status fails; an undocumented refusal only warns', () => {
  expect(verdicts(answer('send', 202, { resultCode: '0' }))).toEqual(['fail send status HTTP 202']);
  expect(verdicts(answer('send', 403, { errorCode: 'X' }))).toEqual(['warn send status HTTP 403']);
});

test('a body that is not JSON, or not labelled JSON, fails', () => {
  expect(verdicts(answer('send', 200, { resultCode: '0' }, { 'content-type': 'text/plain' }))).toEqual(['fail send content-type the answer is JSON'.replace('the answer is JSON', 'a documented body is application/json')]);
  expect(verdicts(answer('send', 200, 'not json'))).toEqual(['fail send json a documented body is JSON']);
});

test('a schema error has its rule\'s strength; a null for an optional value is guidance; strict makes warnings fail', () => {
  expect(verdicts(answer('poll', 200, { resultCode: '0' }))).toEqual(['fail poll schema 200 /body/downlinkMessages required']);
  const message = { channel: 'WEB', content: 'x'.repeat(501), from: 'r', mediaType: 'TEXT', sourceType: 'ROBOT', to: 'u', simQuestions: null, timestamp: null };
  const poll = answer('poll', 200, { resultCode: '0', downlinkMessages: [message] });
  expect(verdicts(poll).sort()).toEqual(['warn poll schema 200 /body/downlinkMessages/*/content maxLength', 'warn poll schema 200 /body/downlinkMessages/*/timestamp type']);
  expect(verdicts(poll, true).every((v) => v.startsWith('fail'))).toBe(true);
});

test('an answer beyond the read limit is one finding and is not parsed', () => {
  const a = answer('poll', 200, { resultCode: '0', downlinkMessages: [], big: 'x'.repeat(2000) });
  expect(checkAnswer(c, a, { strict: false, maxBytes: 1000 }).map((o) => o.signature)).toEqual(['poll too-large an answer is at most 1000 bytes']);
});
