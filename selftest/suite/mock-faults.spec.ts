// @mock-only: how the suite tells a server failure, a lapsed token, flow control and a dropped connection apart from a
// conformant rejection, shown with faults injected through the mock's admin endpoint. The faults are the test's own
// client's (X-Mock-Client, set by the mockAdmin fixture): they hit no other client of the mock, so these tests run
// in parallel with everything else; here, each worker's in-process mock also serves a bystander that must not notice.
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test as suite, expect, ops } from '../../fixtures/index.js';
import { CecClient, NoAnswerError, THROTTLED_SIGNATURE } from '../../fixtures/client.js';
import type { Observation } from '../../src/contract/findings.js';
import { ThrottledError } from '../../src/suite/flow-control.js';
import { classify } from '../../fixtures/matchers.js';
import { RESULT_CODES } from '../../src/contract/generated/result-codes.js';
import { expectRejected } from '../../fixtures/negative.js';
import { FabricTokens, readIssuedToken } from '../../fixtures/tokens.js';
import { buildApp } from '../../mock/app.js';
import { registerSecret } from '../../src/contract/secrets.js';
import { loadConfig } from '../../src/suite/config.js';
import { childEnv } from '../../src/suite/child-env.js';
import { suiteEnv } from '../reports/helpers.js';

/** The suite's fixtures against a mock of the worker's own (in process, admin endpoint on, a free port). */
const test = suite.extend<object, { mockUrl: string }>({
  mockUrl: [async ({}, use) => {
    const app = buildApp({ env: {}, admin: true, logLevel: 'silent', seed: 'selftest-faults', agentDelayMs: 100 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    await use(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    await app.close();
  }, { scope: 'worker' }],
  config: [async ({ mockUrl }, use, workerInfo) => {
    const reportsDir = join(workerInfo.project.outputDir, `mock-faults-${workerInfo.workerIndex}`);
    const config = loadConfig({ ...childEnv(), ...suiteEnv(mockUrl), CEC_REPORTS_DIR: reportsDir, CEC_SEED: 'selftest-faults' });
    for (const secret of [config.appSecret, config.agent?.password, config.agent?.guid]) registerSecret(secret);
    await use(config);
  }, { scope: 'worker' }],
});
test.use({ target: 'mock' });

test.describe('faults of the mock tenant', () => {
  test('a 503 is a failure: toBeRejected refuses a 5xx', {
    tag: ['@mock-only'],
    annotation: ops('poll'),
  }, async ({ customer, newCustomer, mockAdmin }, testInfo) => {
    const bystander = await newCustomer('bystander');
    await mockAdmin.setFaults({ fault503Rate: 1 });
    const response = await customer.api.unchecked().raw('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, variant: 'fault:503' });
    // Another client of the same mock (another test, another worker) is served as if nothing happened.
    const other = bystander.api.with({ headers: { 'x-mock-client': `${mockAdmin.client}-bystander` } });
    await expect(await other.call('poll', { query: { receiverId: bystander.userId, channel: 'WEB' } })).toSucceed();
    await mockAdmin.setFaults({ fault503Rate: 0 });
    expect(response.status()).toBe(503);
    const bodyText = (await response.body()).toString('utf8');
    expect(classify(503, bodyText).rejected, 'a 503 is not a rejection').toBe(false);
    await expect(expect(response).toBeRejected()).rejects.toThrow(/HTTP 503 is a server failure, not a rejection/);
    void testInfo;
    await expect(expectRejected(response, { operationId: 'poll', check: 'accepts-invalid', rule: 'the poll is refused', source: 'test', strength: 'refuse' })).resolves.toBeUndefined();
    await expect(expect(response).toMatchContract('poll')).rejects.toThrow(/status 503 is not documented/);
  });

  test('an expired API Fabric token answers 401 and the client renews it', {
    tag: ['@mock-only'],
    annotation: ops('tokenByAkSk', 'poll'),
  }, async ({ customer, mockAdmin, request, config, exchanges }) => {
    // The token issued to this test's client now really lives 1 s (it still announces its nominal lifetime); the one
    // the client renews it with lives as usual. The worker's token is no token of this client: the test applies for
    // its own through its own token source.
    await mockAdmin.setFaults({ tokenTtlS: 1 });
    const tokens = new FabricTokens(async () => readIssuedToken(await customer.api.tokenByAkSk()));
    const client = new CecClient({ request, config, recorder: exchanges, tokens, defaults: { headers: { 'x-mock-client': mockAdmin.client }, ccmessagingToken: () => customer.token } });
    const shortLived = await tokens.get(exchanges);
    await mockAdmin.setFaults({ tokenTtlS: 0 });
    await expect.poll(async () => (await client.raw('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, credentials: { fabricToken: shortLived }, variant: 'fault:expired-token' })).status(),
      { message: 'the short-lived token lapses into a 401', timeout: 10_000, intervals: [250, 250, 500] }).toBe(401);

    const mark = exchanges.records.length;
    const response = await client.call('poll', { query: { receiverId: customer.userId, channel: 'WEB' } });
    await expect(response).toMatchContract('poll');
    await expect(response).toSucceed();
    const after = exchanges.records.slice(mark).filter((r) => r.operationId).map((r) => `${r.operationId} ${r.status}`);
    expect(after, 'the lapsed token is refused, a new one applied for, the request repeated').toEqual(['poll 401', 'tokenByAkSk 200', 'poll 200']);
    expect(tokens.issued).toBe(2);
  });

  test('flow control answers its documented code; still flow control when the budget is spent, it is one "throttled" finding, not the operation\'s', {
    tag: ['@mock-only'],
    annotation: ops('feedbackSatisfaction'),
  }, async ({ customer, mockAdmin, faker, exchanges }) => {
    await mockAdmin.setFaults({ flowControlRate: 1 });
    const seen: Observation[] = [];
    const client = customer.api.withThrottleBudget({ retries: 2, maxWaitMs: 10_000, backoffMs: 50, maxBackoffMs: 100 }).observing((o) => seen.push(o));
    const mark = exchanges.records.length;
    try {
      const attempt = client.call('feedbackSatisfaction', { body: { feedback: 1, from: customer.userId, interIdx: faker.string.numeric(3) } });
      await expect(attempt).rejects.toThrow(ThrottledError);
      await expect(attempt).rejects.toThrow(/^Throttled: feedbackSatisfaction still met the gateway's flow control \(flow control \(resultCode 10010000002\)\) after 3 attempts/);
    } finally {
      await mockAdmin.setFaults({ flowControlRate: 0 });
      client.rate.reset();
    }
    const tried = exchanges.records.slice(mark).filter((r) => r.operationId === 'feedbackSatisfaction');
    expect(tried.map((r) => r.resultCode)).toEqual([RESULT_CODES.feedbackSatisfaction.accessFailedBecauseOfFlowControl, '10010000002', '10010000002']);
    expect(tried.map((r) => r.throttled?.reason)).toEqual(Array(3).fill('flow control (resultCode 10010000002)'));
    expect(tried.at(-1)!.throttled!.waitMs, 'the budget spent: no wait after the last').toBe(0);
    expect(seen.map((o) => [o.signature, o.check, o.verdict])).toEqual([[THROTTLED_SIGNATURE, 'throttled', 'fail']]);
  });

  test('a gateway throttling at 2 requests/s: every request gets through after the server\'s delay, counted, none judged', {
    tag: ['@mock-only'],
    annotation: ops('getClickToCallEvents'),
  }, async ({ customer, mockAdmin, exchanges, verdicts }) => {
    await mockAdmin.setFaults({ throttleRps: 2 });
    const mark = exchanges.records.length;
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => customer.api.getClickToCallEvents()));
      for (const a of answers) await expect(a).toSucceed();
    } finally {
      await mockAdmin.setFaults({ throttleRps: 0 });
      customer.api.rate.reset();
    }
    const mine = exchanges.records.slice(mark).filter((r) => r.operationId === 'getClickToCallEvents');
    const throttled = mine.filter((r) => r.throttled);
    expect(throttled.length, 'the burst met the gateway').toBeGreaterThan(0);
    expect(throttled.every((r) => r.status === 429 && r.throttled!.reason === 'HTTP 429 APIGW.0308' && r.throttled!.waitMs === 1000), 'Retry-After: 1 honoured').toBe(true);
    expect(mine.filter((r) => r.status === 200)).toHaveLength(6);
    expect(verdicts.observations, 'a throttle is no observation').toEqual([]);
  });

  test('a rotated ccmessaging-token is adopted for every later request; an old one is sent only when asked for', {
    tag: ['@mock-only'],
    annotation: ops('poll'),
  }, async ({ customer, mockAdmin }) => {
    await mockAdmin.setFaults({ tokenRotateEvery: 2, tokenRotateGraceS: 0 });
    const first = customer.token;
    const poll = (credentials?: { ccmessagingToken: string }) => customer.api.call('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, ...(credentials ? { credentials } : {}) });
    for (let i = 0; i < 5; i++) await expect(await poll(), `poll ${i + 1}`).toSucceed();
    expect(customer.token, 'the customer holds the fresh token').not.toBe(first);
    const current = customer.token;
    const old = await customer.api.unchecked().call('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, credentials: { ccmessagingToken: first } });
    expect(old.status(), 'the rotated-out token, asked for on purpose, is refused').toBe(401);
    expect(customer.token, 'a request with an explicit token adopts nothing').toBe(current);
    await mockAdmin.setFaults({ tokenRotateEvery: 0 });
  });

  test('a dropped connection is no answer at all, recorded as such', {
    tag: ['@mock-only'],
    annotation: ops('poll'),
  }, async ({ customer, mockAdmin, exchanges }) => {
    await mockAdmin.setFaults({ dropRate: 1 });
    const attempt = customer.api.call('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, timeoutMs: 10_000 });
    await expect(attempt).rejects.toThrow(NoAnswerError);
    await mockAdmin.setFaults({ dropRate: 0 });
    const last = exchanges.records.at(-2)!;
    expect(last.operationId).toBe('poll');
    expect(last.status, 'no status: nothing answered').toBeNull();
    expect(last.error, 'the network error is recorded').toBeTruthy();
  });

  test('with 1.5 s of added latency the poll helper still gets the reply within its deadline', {
    tag: ['@mock-only'],
    annotation: ops('send', 'poll'),
  }, async ({ customer, mockAdmin }) => {
    await mockAdmin.setFaults({ latencyMs: 1500 });
    await expect(await customer.connect()).toSucceed();
    await customer.inbox.waitForMessage('the robot\'s welcome under latency', (m) => m.sourceType === 'ROBOT');
  });
});
