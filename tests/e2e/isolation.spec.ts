// @e2e: two customers at once. Neither ever sees the other's messages, and one customer's ccmessaging-token can
// neither read the other's messages nor act as the other.
import { test, expect, ops, type Schemas } from '../../fixtures/index.js';
import { chatLine, question, textFile } from '../../fixtures/builders.js';
import { json } from '../../fixtures/client.js';
import { expectRejected } from '../../fixtures/negative.js';
import { operation } from '../../src/contract/spec.js';
import type { DownlinkMessage } from '../../fixtures/inbox.js';

type PollBody = Schemas['PollResponse'];

test.describe('isolation of two customers', () => {
  test('two concurrent sessions each receive only their own messages', {
    tag: ['@e2e', '@health'],
    annotation: ops('applyToken', 'send', 'poll'),
  }, async ({ newCustomer, faker }) => {
    const [a, b] = await Promise.all([newCustomer('alice'), newCustomer('bob')]);
    expect(a.userId).not.toBe(b.userId);
    await Promise.all([a.connect(), b.connect()].map(async (r) => expect(await r).toSucceed()));
    await Promise.all([a, b].map((c) => c.inbox.waitForMessage('the robot\'s welcome', (m) => m.sourceType === 'ROBOT')));
    const fromA = a.inbox.mark();
    const fromB = b.inbox.mark();
    await Promise.all([a.chat(question(faker)), b.chat(chatLine(faker))].map(async (r) => expect(await r).toSucceed()));
    await Promise.all([
      a.inbox.waitForMessage('alice\'s robot answer', (m) => m.sourceType === 'ROBOT', { from: fromA }),
      b.inbox.waitForMessage('bob\'s robot answer', (m) => m.sourceType === 'ROBOT', { from: fromB }),
    ]);
    // Every message was checked on arrival to be addressed to its own customer; no message reached both.
    const codes = (ms: DownlinkMessage[]): string[] => ms.map((m) => m.messageCode).filter((c): c is string => !!c);
    const shared = codes(a.inbox.messages).filter((c) => codes(b.inbox.messages).includes(c));
    expect(shared, 'no message was delivered to both customers').toEqual([]);
  });

  test('one customer\'s token cannot poll the other\'s messages', {
    tag: ['@e2e', '@negative', '@health'],
    annotation: ops('poll'),
  }, async ({ newCustomer }) => {
    const [a, b] = await Promise.all([newCustomer('alice'), newCustomer('bob')]);
    await expect(await b.connect()).toSucceed();
    // Alice's token, Bob's receiverId: refused, or answered with Alice's own messages only.
    const response = await a.api.raw('poll', { query: { receiverId: b.userId, channel: 'WEB' }, variant: 'isolation:receiverId' });
    expect(response.status(), 'no server error').toBeLessThan(500);
    if (response.status() === 200) {
      await expect(response).toMatchContract('poll');
      const body = await json<PollBody>(response);
      if (body.resultCode === '0') {
        for (const m of body.downlinkMessages) expect(m.to, 'only Alice\'s own messages').toBe(a.userId);
      }
    } else {
      await expect(response).toBeRejected();
    }
    // Bob's welcome is still his to receive: nothing was taken from him.
    await b.inbox.waitForMessage('Bob\'s welcome, still pending for him', (m) => m.sourceType === 'ROBOT');
  });

  test('one customer\'s token cannot act as the other', {
    tag: ['@e2e', '@negative', '@health'],
    annotation: ops('send', 'queryQueueInfo', 'saveSatisfaction', 'feedbackSatisfaction', 'downloadFileStream', 'uploadFileStream'),
  }, async ({ newCustomer, config, faker }, testInfo) => {
    const [a, b] = await Promise.all([newCustomer('alice'), newCustomer('bob')]);
    await expect(await b.connect()).toSucceed();
    const welcome = await b.inbox.waitForMessage('Bob\'s welcome', (m) => m.sourceType === 'ROBOT');

    await test.step('send with Bob\'s `from`', async () => {
      await expectRejected(operation('send'), await a.api.send({ ...b.body('CHAT', chatLine(faker)) }), {}, testInfo);
    });
    await test.step('queryQueueInfo for Bob', async () => {
      await expectRejected(operation('queryQueueInfo'), await a.api.queryQueueInfo({ userId: b.userId, channelConfigId: config.channelConfigId, channel: 'WEB' }), {}, testInfo);
    });
    await test.step('saveSatisfaction for Bob', async () => {
      await expectRejected(operation('saveSatisfaction'), await a.api.saveSatisfaction({ channel: 'WEB', userId: b.userId, evaluation: '1', comment: 'not mine', channelConfigId: config.channelConfigId }), {}, testInfo);
    });
    if (welcome.interIdx !== undefined) {
      await test.step('feedbackSatisfaction from Bob', async () => {
        await expectRejected(operation('feedbackSatisfaction'), await a.api.feedbackSatisfaction({ feedback: 1, from: b.userId, interIdx: String(welcome.interIdx) }), {}, testInfo);
      });
    }
    await test.step('downloadFileStream of Bob\'s file', async () => {
      const file = textFile(faker, 2);
      const up = await json<{ objectKey?: string }>(await b.api.uploadFileStream({ fileType: file.fileType, fileStream: file.bytes.toString('base64'), channel: 'WEB' }));
      expect(up.objectKey).toBeTruthy();
      await expectRejected(operation('downloadFileStream'), await a.api.downloadFileStream({ fileId: up.objectKey!, channel: 'WEB', fileType: file.fileType }), {}, testInfo);
    });
    // Bob's session is untouched: he still chats.
    await expect(await b.chat(question(faker))).toSucceed();
  });
});
