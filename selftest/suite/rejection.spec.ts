// The rejection rule of the negative tests (fixtures/matchers.ts) and the masking of recorded exchanges.
import { test, expect } from '@playwright/test';
import { classify } from '../../fixtures/matchers.js';
import { ExchangeRecorder, isFailure, toCurl } from '../../src/contract/exchange.js';
import { registerSecret } from '../../src/contract/secrets.js';

test.describe('classify: what counts as a rejection', () => {
  const cases: Array<[number, string, boolean]> = [
    [400, '{"errorCode":"x"}', true],
    [401, '', true],
    [404, '<html/>', true],
    [200, '{"resultCode":"1"}', true],
    [200, '{"returnCode":"13"}', true],
    [200, '{"retcode":"000-003"}', true],
    [200, '{"resultCode":"0"}', false],
    [200, '{"retcode":"0"}', false],
    [200, '{"downlinkMessages":[]}', false],
    [200, 'not json', false],
    [204, '', false],
    [302, '', false],
    [500, '{"resultCode":"1"}', false],
    [503, '', false],
  ];
  for (const [status, body, rejected] of cases) {
    test(`HTTP ${status} ${body || '(empty)'} → ${rejected ? 'rejected' : 'not a rejection'}`, () => {
      expect(classify(status, body).rejected).toBe(rejected);
    });
  }
});

test('recorded exchanges are masked, the curl of the failure too', () => {
  const recorder = new ExchangeRecorder({ workerIndex: 0, pid: process.pid }, null);
  registerSecret('ccm-token-abcdef');
  const rec = recorder.record({
    operationId: 'poll', raw: false, method: 'get', url: 'https://t.example/apiaccess/ccmessaging/poll?receiverId=u1', startedAt: Date.now(), durationMs: 12.4, status: 401,
    requestHeaders: { 'x-app-key': 'ak', Authorization: 'Bearer fabric-token-123456', 'ccmessaging-token': 'ccm-token-abcdef' },
    responseHeaders: { 'content-type': 'application/json' }, responseBody: Buffer.from('{"errorCode":"401","exceptionInfo":"token ccm-token-abcdef expired"}'),
  });
  const text = JSON.stringify(rec) + recorder.attachmentBody() + toCurl(rec);
  expect(text).not.toContain('ccm-token-abcdef');
  expect(text).not.toContain('fabric-token-123456');
  expect(rec).toMatchObject({ method: 'GET', status: 401, durationMs: 12, operationId: 'poll' });
  expect(isFailure(rec)).toBe(true);
  expect(recorder.lastFailure()).toBe(rec);
  expect(toCurl(rec)).toContain("curl -sS -i -X GET 'https://t.example/apiaccess/ccmessaging/poll?receiverId=u1'");
});
