// The `curl` attachment of a failed test reproduces the request the test failed on (src/contract/exchange.ts).
import { expect, test } from '@playwright/test';
import { ExchangeRecorder, requestsNamedIn, toCurl, type RawExchange } from '../../src/contract/exchange.js';

const raw = (over: Partial<RawExchange>): RawExchange => ({
  operationId: 'send', raw: false, method: 'POST', url: 'http://t/apiaccess/ccmessaging/send', startedAt: 0, durationMs: 1, status: 200,
  requestHeaders: { Authorization: 'Bearer secret-token-123', Guid: 'guid-secret-456' }, responseHeaders: {}, responseBody: Buffer.from('{"resultCode":"0"}'), ...over,
});

test('the error names the request: the matchers\' "METHOD URL → status" and "URL → HTTP status", the client\'s "No answer from"', () => {
  expect(requestsNamedIn('\u001b[2mPOST http://t/a/sendmessage → 200\u001b[22m\nContract of sendMessage violated')).toEqual([{ method: 'POST', url: 'http://t/a/sendmessage', status: 200 }]);
  expect(requestsNamedIn('http://t/poll?x=1 → HTTP 503: a 5xx is never a rejection')).toEqual([{ url: 'http://t/poll?x=1', status: 503 }]);
  expect(requestsNamedIn('NoAnswerError: No answer from GET http://t/poll?x=1: Timeout 10000ms exceeded.')).toEqual([{ method: 'GET', url: 'http://t/poll?x=1' }]);
  expect(requestsNamedIn('expect(received).toBe(expected)')).toEqual([]);
});

test('the failing request is the one the error names, not a later teardown request nor an earlier refusal', () => {
  const r = new ExchangeRecorder({ workerIndex: 0, pid: 1 }, null);
  r.record(raw({ status: 401, url: 'http://t/apiaccess/ccmessaging/poll' , method: 'GET', operationId: 'poll' }));
  r.record(raw({ operationId: 'sendMessage', url: 'http://t/agentgateway/resource/mediacall/101/sendmessage', responseBody: Buffer.from('{"retcode":0}') }));
  r.record(raw({ requestBody: '{"controlType":"DISCONNECT"}' }));
  const failing = r.failingRecord(['Error: expect(response).toMatchContract(\'sendMessage\')\n\nPOST http://t/agentgateway/resource/mediacall/101/sendmessage → 200\nContract of sendMessage violated:']);
  expect(failing?.operationId).toBe('sendMessage');
  const curl = toCurl(failing!);
  expect(curl).toContain("-X POST 'http://t/agentgateway/resource/mediacall/101/sendmessage'");
  expect(curl).toContain("-H 'Guid: ***'");
  expect(curl).toContain("-H 'Authorization: Bearer ***'");
  expect(curl).not.toContain('secret-token-123');
  expect(curl).not.toContain('guid-secret-456');
  // An error naming no request: the last failed request, else the last request.
  expect(r.failingRecord(['expect(received).toBe(expected)'])?.status).toBe(401);
  const ok = new ExchangeRecorder({ workerIndex: 0, pid: 1 }, null);
  ok.record(raw({}));
  expect(ok.failingRecord([])).toBe(ok.records[0]);
});
