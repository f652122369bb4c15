// Coverage is computed from what was sent and received, not from test names.
import { test, expect } from '@playwright/test';
import { measure } from '../../products/coverage/measure.js';
import type { Exchange } from '../../products/coverage/measure.js';

const json = { 'content-type': 'application/json' };
const t1 = { file: 'a.spec.ts', titlePath: ['chat'] };
const t2 = { file: 'a.spec.ts', titlePath: ['files'] };
const x = (over: Partial<Exchange>): Exchange => ({ method: 'POST', url: 'http://t/apiaccess/ccmessaging/send', request: { headers: json, body: {} }, ...over });

test('statuses, result codes, enum values, properties, flows and drift come from the exchanges', () => {
  const exchanges: Exchange[] = [
    x({ test: t1, status: 200, request: { headers: json, body: { controlType: 'CONNECT', channel: 'WEB' } }, response: { headers: json, body: { resultCode: '0', resultDesc: 'ok' } } }),
    x({ test: t1, status: 400, request: { headers: json, body: { controlType: 'CHAT' } }, response: { headers: json, body: { errorCode: '400' } } }),
    x({ test: t2, operationId: 'uploadFileStream', url: 'http://t/apiaccess/ccmessaging/uploadFileStream', status: 200, response: { headers: json, body: { resultCode: '0', objectKey: 'k', robotMood: 'x' } } }),
    x({ test: t2, method: 'POST', url: 'http://t/apiaccess/ccmessaging/downloadFileStream', status: 200, response: { headers: json, body: { resultCode: '13' } } }),
    x({ method: 'GET', url: 'http://t/apiaccess/ccmessaging/poll?channel=WEB', status: 200, response: { headers: json, body: { resultCode: '0', downlinkMessages: [{ callId: 'c1', content: 'hi' }] } } }),
  ];
  const c = measure(exchanges);
  const send = c.operations.find((o) => o.operationId === 'send')!;
  expect(send.calls).toBe(2);
  expect(send.observedStatuses).toEqual(['200', '400']);
  expect(send.parameterValues.filter((v) => v.covered).map((v) => v.name).sort()).toEqual(['body:/channel=WEB', 'body:/controlType=CHAT', 'body:/controlType=CONNECT']);
  expect(c.operations.find((o) => o.operationId === 'downloadFileStream')!.resultCodes.find((r) => r.name === '13')!.covered).toBe(true);
  const poll = c.operations.find((o) => o.operationId === 'poll')!;
  expect(poll.responseProperties.filter((p) => p.covered).map((p) => p.name).sort()).toEqual(['/downlinkMessages', '/downlinkMessages/*/callId', '/downlinkMessages/*/content', '/resultCode']);
  expect(poll.parameters.find((p) => p.name === 'query:channel')!.covered).toBe(true);
  expect(c.drift).toEqual([{ operationId: 'uploadFileStream', path: '/robotMood', count: 1 }]);
  expect(c.journeys.find((j) => j.name === 'file upload then download')!.covered).toBe(true);
  expect(c.journeys.find((j) => j.name === 'click-to-call lifecycle')!.covered).toBe(false);
  const ops = c.totals.find((t) => t.level === 'operations')!;
  expect([ops.covered, ops.total]).toEqual([4, 19]);
});

test('no exchanges: every level is uncovered, nothing is invented', () => {
  const c = measure([]);
  for (const t of c.totals) expect(t.covered, t.level).toBe(0);
  expect(c.totals.map((t) => t.level)).toEqual(['paths', 'operations', 'content types', 'parameters', 'parameter values', 'status codes', 'result codes', 'response properties', 'operation flows']);
});
