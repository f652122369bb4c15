// @mock-only: faults injected through the mock's admin endpoint, to show the suite tells a server failure, a lapsed
// token, flow control and a dropped connection apart from a conformant rejection. Faults hit every client of the
// mock, so each of these tests holds the mock exclusively (the `guards` fixture) and the mockAdmin fixture puts
// the faults back as they were.
import { test, expect, ops } from '../../fixtures/index.js';
import { bodyOf, NoAnswerError } from '../../fixtures/client.js';
import { classify } from '../../fixtures/matchers.js';
import { RESULT_CODES } from '../../src/contract/generated/result-codes.js';
import { expectRejected } from '../../fixtures/negative.js';

test.describe('faults of the mock tenant', () => {
  test('a 503 is a failure: toBeRejected refuses a 5xx', {
    tag: ['@mock-only'],
    annotation: ops('poll'),
  }, async ({ customer, mockAdmin }, testInfo) => {
    await mockAdmin.setFaults({ fault503Rate: 1 });
    const response = await customer.api.unchecked().raw('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, variant: 'fault:503' });
    await mockAdmin.setFaults({ fault503Rate: 0 });
    expect(response.status()).toBe(503);
    const bodyText = (await response.body()).toString('utf8');
    expect(classify(503, bodyText).rejected, 'a 503 is not a rejection').toBe(false);
    await expect(expect(response).toBeRejected()).rejects.toThrow(/HTTP 503 is a server failure, not a rejection/);
    void testInfo;
    await expect(expectRejected(response, { operationId: 'poll', check: 'accepts-invalid', rule: 'the poll is refused', source: 'test', strength: 'refuse' })).resolves.toBeUndefined();
    await expect(expect(response).toMatchContract('poll')).rejects.toThrow(/status 503 is not documented/);
  });

  test('an expired API Fabric token answers 401 and the worker renews it', {
    tag: ['@mock-only'],
    annotation: ops('tokenByAkSk', 'poll'),
  }, async ({ customer, mockAdmin, fabricTokens, exchanges }) => {
    // Tokens issued from now on really live 1 s (they still announce their nominal lifetime).
    await mockAdmin.setFaults({ tokenTtlS: 1 });
    const stale = fabricTokens.peek();
    if (stale) fabricTokens.invalidate(stale);
    const shortLived = await fabricTokens.get(exchanges);
    const issuedBefore = fabricTokens.issued;
    await expect.poll(async () => (await customer.api.raw('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, credentials: { fabricToken: shortLived }, variant: 'fault:expired-token' })).status(),
      { message: 'the short-lived token lapses into a 401', timeout: 10_000, intervals: [250, 250, 500] }).toBe(401);

    const mark = exchanges.records.length;
    const response = await customer.api.call('poll', { query: { receiverId: customer.userId, channel: 'WEB' } });
    await mockAdmin.setFaults({ tokenTtlS: 0 });
    await expect(response).toMatchContract('poll');
    await expect(response).toSucceed();
    const after = exchanges.records.slice(mark).filter((r) => r.operationId).map((r) => `${r.operationId} ${r.status}`);
    expect(after, 'the lapsed token is refused, a new one applied for, the request repeated').toEqual(['poll 401', 'tokenByAkSk 200', 'poll 200']);
    expect(fabricTokens.issued).toBe(issuedBefore + 1);
    // That token too lives only 1 s: drop it, so the worker's next test starts with a normal one.
    fabricTokens.invalidate(fabricTokens.peek()!);
  });

  test('flow control answers its documented code, which is no success', {
    tag: ['@mock-only'],
    annotation: ops('feedbackSatisfaction'),
  }, async ({ customer, mockAdmin, faker }) => {
    await mockAdmin.setFaults({ flowControlRate: 1 });
    const response = await customer.api.call('feedbackSatisfaction', { body: { feedback: 1, from: customer.userId, interIdx: faker.string.numeric(3) } });
    await mockAdmin.setFaults({ flowControlRate: 0 });
    await expect(response).toMatchContract('feedbackSatisfaction');
    expect((await bodyOf(response)).resultCode).toBe(RESULT_CODES.feedbackSatisfaction.accessFailedBecauseOfFlowControl);
    await expect(expect(response).toSucceed()).rejects.toThrow(/10010000002/);
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
