// The parts of the traffic check: the suite's exchange records as HAR (masked values stay masked and count as
// present), the route of an entry to its operation, the request checks with their rules' strengths, and a 400 to a
// request that breaks no rule.
import { expect, test } from '@playwright/test';
import { Contract } from '../../src/contract/contract.js';
import { toRecord, type RawExchange } from '../../src/contract/exchange.js';
import { checkTraffic } from '../../products/traffic/check.js';
import type { TrafficEntry } from '../../products/traffic/entry.js';
import { exchangesToHar, readHar } from '../../products/traffic/har.js';
import { trafficOf, TrafficReadError } from '../../products/traffic/read.js';
import { checkRequest, type SentRequest } from '../../src/contract/request-checks.js';
import { Router } from '../../products/traffic/route.js';

const c = new Contract();
const BASE = 'http://127.0.0.1:3180';
const json = { 'content-type': 'application/json;charset=UTF-8' };
const customer = { 'x-app-key': 'k', Authorization: 'Bearer secret-token-1', 'ccmessaging-token': 'ccm-token-12' };
const SATISFACTION = { channel: 'WEB', userId: 'u', evaluation: '5', comment: 'fine', channelConfigId: 'cfg' };

const raw = (x: Partial<RawExchange> & Pick<RawExchange, 'operationId' | 'method' | 'url'>): RawExchange => ({
  raw: false, startedAt: Date.parse('2025-01-01T10:00:00Z'), durationMs: 5, status: 200, requestHeaders: {}, responseHeaders: { ...json }, responseBody: Buffer.from('{"resultCode":"0"}'), ...x,
});
const record = (x: RawExchange) => toRecord(x, { workerIndex: 0, pid: 1 });
const verdicts = (entries: TrafficEntry[], strict = false) => checkTraffic(entries, { contract: c, strict, maxBytes: 1 << 20 }).outcomes.flatMap((o) => o.observations.map((x) => `${x.verdict} ${x.signature}`));

test('exchange records as HAR 1.2: masked credentials stay masked and count as present, test variants and cut bodies are marked', () => {
  const records = [
    record(raw({ operationId: 'saveSatisfaction', method: 'POST', url: `${BASE}/apiaccess/ccmessaging/saveSatisfaction`, requestHeaders: { ...customer, 'Content-Type': json['content-type'] }, requestBody: JSON.stringify(SATISFACTION) })),
    record(raw({ operationId: 'saveSatisfaction', raw: true, variant: 'enum:evaluation', method: 'POST', url: `${BASE}/apiaccess/ccmessaging/saveSatisfaction`, requestHeaders: customer, requestBody: JSON.stringify({ ...SATISFACTION, evaluation: '9' }), responseBody: Buffer.from('{"resultCode":"13"}') })),
    record(raw({ operationId: 'poll', method: 'GET', url: `${BASE}/apiaccess/ccmessaging/poll?channel=WEB`, requestHeaders: customer, status: null, error: 'timeout', responseHeaders: undefined, responseBody: undefined })),
    record(raw({ operationId: 'poll', method: 'GET', url: `${BASE}/apiaccess/ccmessaging/poll?channel=WEB`, requestHeaders: customer, responseBody: Buffer.from(`{"resultCode":"0","downlinkMessages":[${'{"x":1},'.repeat(3000)}{}]}`) })),
  ];
  expect(records[0].request.headers.Authorization).toBe('Bearer ***');
  const har = exchangesToHar(records);
  expect(har.log.version).toBe('1.2');
  expect(har.log.entries[1]).toMatchObject({ comment: 'sent unvalidated by the suite: enum:evaluation', _cec: { operationId: 'saveSatisfaction', raw: true, variant: 'enum:evaluation' } });
  expect(har.log.entries[2].response).toMatchObject({ status: 0, _error: 'timeout' });
  expect(JSON.stringify(har)).not.toMatch(/secret-token-1|ccm-token-12/);

  const entries = readHar(har);
  expect(entries.map((e) => [e.variant, e.status, e.responseBodyIncomplete ?? false])).toEqual([
    [undefined, 200, false], ['enum:evaluation', 200, false], [undefined, null, false], [undefined, 200, true],
  ]);
  const { tally, outcomes } = checkTraffic(entries, { contract: c, strict: false, maxBytes: 1 << 20 });
  expect(tally).toMatchObject({ checked: 4, variants: 1, variantsBreaking: 1, noAnswer: 1, bodyNotInFile: 1 });
  // "***" is a credential that was there: nothing is missing; the variant's request is not judged; the cut body's schema is not checked.
  expect(outcomes.flatMap((o) => o.observations)).toEqual([]);
  expect(verdicts(entries.map((e) => ({ ...e, variant: undefined })))).toEqual(['fail saveSatisfaction request /body/evaluation enum']);
});

test('an entry goes to its operation by method and path template, under a prefix too; the rest is counted apart', () => {
  const r = new Router(c);
  const route = (method: string, url: string, headers: Record<string, string> = {}) => {
    const x = r.route(method, url, headers);
    return x.kind === 'operation' ? `${x.op.operationId}${x.methodMatches ? '' : ' (wrong method)'} ${JSON.stringify(x.pathParams)}` : x.kind;
  };
  expect(route('POST', 'https://t.example.com/apiaccess/ccmessaging/send')).toBe('send {}');
  expect(route('GET', 'https://t.example.com/tenant-a/apiaccess/ccmessaging/poll?channel=WEB')).toBe('poll {}');
  expect(route('DELETE', 'https://gw.example.com:8043/agentgateway/resource/onlineagent/1001/logout')).toBe('agentSignOut {"agentid":"1001"}');
  expect(route('PUT', 'https://gw.example.com:8043/agentgateway/resource/onlineagent/1001')).toBe('agentSignIn {"agentid":"1001"}');
  expect(route('GET', 'https://gw.example.com:8043/agentgateway/resource/mediacall/10%2001/sendmessage')).toBe('sendMessage (wrong method) {"agentid":"10 01"}');
  expect(route('OPTIONS', 'https://t.example.com/apiaccess/ccmessaging/send', { 'access-control-request-method': 'POST' })).toBe('preflight');
  expect(route('POST', 'https://t.example.com/apiaccess/ccmessaging/v2/send')).toBe('undocumented');
  expect(route('GET', 'https://t.example.com/static/apiaccess.js')).toBe('other');
  expect(route('GET', 'not a url')).toBe('other');
});

test('the request checks: each broken rule once, with its strength; a wrong method by the operation\'s rule', () => {
  const send = (x: Partial<SentRequest>): string[] => checkRequest(c, { operationId: 'saveSatisfaction', method: 'POST', query: {}, headers: { 'x-app-key': 'k', authorization: 'Bearer ***', 'ccmessaging-token': '***' }, pathParams: {}, bodyText: JSON.stringify(SATISFACTION), ...x }, { strict: false })
    .map((o) => `${o.verdict} ${o.signature}`);
  expect(send({})).toEqual([]);
  expect(send({ headers: { 'x-app-key': 'k', authorization: 'Basic abc' } })).toEqual([
    'fail saveSatisfaction request /credential/fabricToken required', 'fail saveSatisfaction request /credential/ccmessagingToken required',
  ]);
  // npsScore 12: one observation of the alternative, not one per branch.
  expect(send({ bodyText: JSON.stringify({ ...SATISFACTION, npsScore: 12 }) })).toEqual(['warn saveSatisfaction request /body/npsScore anyOf']);
  expect(send({ bodyText: JSON.stringify({ ...SATISFACTION, comment: 'x'.repeat(512), extra: 1, more: 2 }) })).toEqual([
    'warn saveSatisfaction request /body/extra additionalProperties', 'warn saveSatisfaction request /body/more additionalProperties', 'fail saveSatisfaction request /body/comment maxLength',
  ]);
  expect(send({ bodyText: '{"channel": WEB}' })).toEqual(['fail saveSatisfaction request /body json']);
  expect(send({ bodyText: undefined })).toEqual(['fail saveSatisfaction request /body required']);
  expect(send({ bodyIncomplete: true, bodyText: '{"chan' })).toEqual([]);
  expect(send({ method: 'GET' })).toEqual(['warn saveSatisfaction request /method method']);
  expect(checkRequest(c, { operationId: 'sendMessage', method: 'GET', query: {}, headers: {}, pathParams: { agentid: '1001' } }, { strict: false }).map((o) => o.verdict)).toEqual(['fail']);
  const poll = checkRequest(c, { operationId: 'poll', method: 'GET', query: { channel: 'SMOKE-SIGNALS' }, headers: { 'x-app-key': 'k', authorization: 'Bearer ***', 'ccmessaging-token': '***' }, pathParams: {} }, { strict: true });
  expect(poll.map((o) => `${o.verdict} ${o.signature} ${o.strength}`)).toEqual(['fail poll request /query/channel enum guidance']);
});

test('a 400 to a request that breaks no rule is the tenant refusing what the documents allow; to one that breaks a rule it is right', () => {
  const entry = (body: object, status: number): TrafficEntry => ({
    method: 'POST', url: `${BASE}/apiaccess/ccmessaging/saveSatisfaction`, requestHeaders: { 'x-app-key': 'k', authorization: 'Bearer ***', 'ccmessaging-token': '***' },
    requestBody: JSON.stringify(body), status, responseHeaders: { ...json }, responseBody: '{"errorCode":"X","exceptionInfo":"bad"}', responseBytes: 39,
  });
  expect(verdicts([entry(SATISFACTION, 400)])).toEqual(['fail saveSatisfaction refuses-valid HTTP 400']);
  expect(verdicts([entry({ ...SATISFACTION, evaluation: '9' }, 400)])).toEqual(['fail saveSatisfaction request /body/evaluation enum']);
  // An undocumented field: the client's warning explains the refusal; nobody is certainly wrong.
  expect(verdicts([entry({ ...SATISFACTION, transData: 'x' }, 400)])).toEqual(['warn saveSatisfaction request /body/transData additionalProperties']);
});

test('a Postman collection with saved responses is traffic; one without, or a Collection Runner export, says what to export instead', () => {
  const request = { method: 'POST', header: [{ key: 'x-app-key', value: 'k' }, { key: 'Authorization', value: 'Bearer abc', disabled: true }], url: { raw: '{{base}}/apiaccess/ccmessaging/saveSatisfaction', protocol: 'https', host: ['t', 'example', 'com'], path: ['apiaccess', 'ccmessaging', 'saveSatisfaction'] }, body: { mode: 'raw', raw: JSON.stringify(SATISFACTION) } };
  const collection = {
    info: { name: 'chat', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ name: 'satisfaction', item: [{ name: 'save', request, response: [{ name: 'saved', originalRequest: request, code: 200, header: [{ key: 'Content-Type', value: 'application/json' }], body: '{"resultCode":"0"}' }] }] }],
  };
  const { format, entries } = trafficOf(collection, 'chat.postman_collection.json');
  expect(format).toBe('postman-collection');
  expect(entries).toEqual([expect.objectContaining({ method: 'POST', url: 'https://t.example.com/apiaccess/ccmessaging/saveSatisfaction', status: 200, label: 'satisfaction › save', requestHeaders: { 'x-app-key': 'k' } })]);
  // The disabled Authorization header was not sent: two credentials are missing.
  expect(verdicts(entries)).toEqual(['fail saveSatisfaction request /credential/fabricToken required', 'fail saveSatisfaction request /credential/ccmessagingToken required']);
  expect(() => trafficOf({ ...collection, item: [{ name: 'save', request }] }, 'c.json')).toThrow(/without saved responses.*Newman/);
  expect(() => trafficOf({ id: 'r', results: [{ name: 'save', responseCode: { code: 200 } }], totalPass: 1 }, 'run.postman_test_run.json')).toThrow(TrafficReadError);
});
