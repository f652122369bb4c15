// @contract: the customer's chat operations on their success paths, each checked against the spec and on its values.
import { test, expect, ops } from '../../fixtures/index.js';
import { question, satisfactionBody } from '../../fixtures/builders.js';
import { json } from '../../fixtures/client.js';
import { robotInterIdx } from '../../fixtures/baselines.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

interface Result { resultCode?: string; returnCode?: string; resultDesc?: string }

test.describe('send', () => {
  test('CONNECT starts a session', {
    tag: ['@contract', '@smoke', '@health'],
    annotation: ops('send'),
  }, async ({ customer }) => {
    const response = await customer.connect();
    expect((await json<Result>(response)).resultCode).toBe('0');
  });

  test('CHAT, INPUT and DISCONNECT are accepted in a session', {
    tag: ['@contract', '@health'],
    annotation: ops('send'),
  }, async ({ customer, faker }) => {
    await expect(await customer.connect()).toSucceed();
    for (const [controlType, content] of [['INPUT', ''], ['CHAT', question(faker)], ['DISCONNECT', '']] as const) {
      await test.step(controlType, async () => {
        const response = await customer.send(controlType, content);
        expect((await json<Result>(response)).resultCode, `${controlType} resultCode`).toBe('0');
      });
    }
  });
});

test.describe('poll', () => {
  test('poll delivers the robot\'s welcome after CONNECT, addressed to the customer', {
    tag: ['@contract', '@smoke', '@health'],
    annotation: ops('poll', 'send'),
  }, async ({ customer }) => {
    await expect(await customer.connect()).toSucceed();
    // Every poll answer meets the client's answer checks; the inbox checks resultCode "0", `to` and duplicates.
    const welcome = await customer.inbox.waitForMessage('the robot\'s welcome', (m) => m.sourceType === 'ROBOT');
    expect(welcome.content.length, 'the welcome has text').toBeGreaterThan(0);
  });

  test('poll with nothing pending answers an empty list', {
    tag: ['@contract', '@health'],
    annotation: ops('poll'),
  }, async ({ customer }) => {
    const response = await customer.api.poll({ receiverId: customer.userId, channel: 'WEB' });
    const body = await json<{ resultCode: string; downlinkMessages: unknown[] }>(response);
    expect(body.resultCode).toBe('0');
    expect(Array.isArray(body.downlinkMessages)).toBe(true);
  });
});

test.describe('queue and satisfaction', () => {
  test('queryQueueInfo after a transfer answers the position or "already transferred"', {
    tag: ['@contract', '@health'],
    annotation: ops('queryQueueInfo', 'send'),
  }, async ({ customer }) => {
    await expect(await customer.connect()).toSucceed();
    await expect(await customer.transfer()).toSucceed();
    const response = await customer.queryQueueInfo();
    const body = await json<Result & { position?: number }>(response);
    // A tenant may hand the session to an agent before the query: "160021" (already transferred) is as good.
    expect(['0', '160021'], `resultCode ${body.resultCode} (${body.resultDesc ?? ''})`).toContain(body.resultCode);
    if (body.resultCode === '0') {
      await judge(RULES.queuePosition, () => {
        expect(Number.isInteger(body.position), 'position is an integer while queued').toBe(true);
        expect(body.position!).toBeGreaterThanOrEqual(0);
      });
    }
  });

  test('saveSatisfaction after the chat ends is saved', {
    tag: ['@contract', '@health'],
    annotation: ops('saveSatisfaction', 'send'),
  }, async ({ customer, config, faker }) => {
    await expect(await customer.connect()).toSucceed();
    await expect(await customer.disconnect()).toSucceed();
    const response = await customer.api.saveSatisfaction(satisfactionBody(faker, customer.who, config.channelConfigId));
    const body = await json<Result>(response);
    expect(body.resultCode ?? body.returnCode, 'resultCode (or returnCode, E3)').toBe('0');
  });

  test('saveSatisfaction accepts the optional npsScore and fcrValue', {
    tag: ['@contract', '@health'],
    annotation: ops('saveSatisfaction'),
  }, async ({ customer, config, faker }) => {
    await expect(await customer.connect()).toSucceed();
    await expect(await customer.disconnect()).toSucceed();
    const response = await customer.api.saveSatisfaction({ ...satisfactionBody(faker, customer.who, config.channelConfigId), npsScore: faker.number.int({ min: 0, max: 9 }), fcrValue: '1' });
    const body = await json<Result>(response);
    expect(body.resultCode ?? body.returnCode).toBe('0');
  });
});

test.describe('robot', () => {
  test('feedbackSatisfaction rates a robot answer by its interIdx', {
    tag: ['@contract', '@health'],
    annotation: ops('feedbackSatisfaction', 'send', 'poll'),
  }, async ({ customer, faker }) => {
    const interIdx = await robotInterIdx(customer, faker);
    const response = await customer.api.feedbackSatisfaction({ feedback: 1, from: customer.userId, interIdx });
    expect((await json<Result>(response)).resultCode).toBe('0');
  });

  test('feedbackSatisfaction accepts "dissatisfied" with its feedbackContent', {
    tag: ['@contract', '@health'],
    annotation: ops('feedbackSatisfaction'),
  }, async ({ customer, faker }) => {
    const interIdx = await robotInterIdx(customer, faker);
    const response = await customer.api.feedbackSatisfaction({ feedback: 0, feedbackContent: faker.lorem.words(3).slice(0, 60), from: customer.userId, interIdx });
    expect((await json<Result>(response)).resultCode).toBe('0');
  });

  test('queryPhraseByKeyword answers the phrases for a keyword', {
    tag: ['@contract', '@health'],
    annotation: ops('queryPhraseByKeyword'),
  }, async ({ customer }) => {
    const response = await customer.api.queryPhraseByKeyword({ strContent: 'password', locale: customer.who.locale, channel: 'WEB' });
    const body = await json<Result & { phrases?: string | string[]; question?: string[] }>(response);
    expect(body.resultCode).toBe('0');
    const list = body.phrases ?? body.question;
    expect(list, 'phrases (or question, E11) is present').toBeDefined();
    if (Array.isArray(list)) for (const p of list) expect(typeof p).toBe('string');
  });
});
