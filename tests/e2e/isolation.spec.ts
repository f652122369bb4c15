// @e2e: two customers at once. Neither ever sees the other's messages, and one customer's ccmessaging-token can
// neither read the other's messages nor act as the other.
import { test, expect, ops } from '../../fixtures/index.js';
import { chatLine, question, textFile } from '../../fixtures/builders.js';
import { bodyOf } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { expectRejected } from '../../fixtures/negative.js';
import { judge } from '../../fixtures/verdicts.js';
import type { DownlinkMessage } from '../../fixtures/inbox.js';


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
      a.inbox.waitForRobotAnswer('alice\'s robot answer', { from: fromA }),
      b.inbox.waitForRobotAnswer('bob\'s robot answer', { from: fromB }),
    ]);
    // Every message was checked on arrival to be addressed to its own customer; no message reached both.
    const codes = (ms: DownlinkMessage[]): string[] => ms.map((m) => m.messageCode).filter((c): c is string => !!c);
    const shared = codes(a.inbox.messages).filter((c) => codes(b.inbox.messages).includes(c));
    expect(shared, 'no message was delivered to both customers').toEqual([]);
  });

  test('one customer\'s token cannot poll the other\'s messages', {
    tag: ['@e2e', '@negative', '@health'],
    annotation: ops('poll'),
  }, async ({ newCustomer, faker }) => {
    const [a, b] = await Promise.all([newCustomer('alice'), newCustomer('bob')]);
    // Bob's message must be pending when Alice asks for it: a tenant may queue a reply some time after the request
    // that caused it. How long this one takes is measured on Bob's welcome, then his question's answer is given that
    // long before Alice polls with his receiverId (and he still receives it afterwards).
    const connectedAt = Date.now();
    await expect(await b.connect()).toSucceed();
    await b.inbox.waitForMessage('Bob\'s welcome', (m) => m.sourceType === 'ROBOT');
    const takes = Date.now() - connectedAt;
    const bobsMark = b.inbox.mark();
    await expect(await b.chat(question(faker))).toSucceed();
    await new Promise((r) => setTimeout(r, takes));
    // Alice's token, Bob's receiverId: refused, or answered with Alice's own messages only.
    const response = await a.api.raw('poll', { query: { receiverId: b.userId, channel: 'WEB' }, variant: 'isolation:receiverId' });
    expect(response.status(), 'no server error').toBeLessThan(500);
    if (response.status() === 200) {
      const body = await bodyOf(response);
      if (body.resultCode === '0') {
        for (const m of body.downlinkMessages) expect(m.to, 'only Alice\'s own messages').toBe(a.userId);
      }
    } else {
      await expect(response).toBeRejected();
    }
    // Bob's answer is still his to receive: nothing was taken from him.
    await b.inbox.waitForRobotAnswer('the robot\'s answer, still pending for Bob', { from: bobsMark });
  });

  test('one customer\'s token cannot act as the other: the other is untouched', {
    tag: ['@e2e', '@negative', '@health'],
    annotation: ops('send', 'queryQueueInfo', 'saveSatisfaction', 'feedbackSatisfaction', 'downloadFileStream', 'uploadFileStream'),
  }, async ({ newCustomer, config, faker }) => {
    const [a, b] = await Promise.all([newCustomer('alice'), newCustomer('bob')]);
    await expect(await b.connect()).toSucceed();
    const welcome = await b.inbox.waitForMessage('Bob\'s welcome', (m) => m.sourceType === 'ROBOT');
    const bobsMark = b.inbox.mark();
    // Judged by effect: whether the tenant refuses these or acts for Alice (the token's user) is its own choice.
    await test.step('Alice\'s token sends DISCONNECT with Bob\'s `from`', async () => {
      await a.api.call('send', { body: { ...b.body('DISCONNECT') } });
    });
    await test.step('Bob\'s session is untouched: he still chats, the robot answers, nothing ended it', async () => {
      await judge(UNTOUCHED, async () => {
        await expect(await b.chat(question(faker)), 'Bob\'s CHAT in his own session').toSucceed();
        await b.inbox.waitForRobotAnswer('the robot\'s answer to Bob', { from: bobsMark });
        expect(b.inbox.messages.slice(bobsMark).filter((m) => m.controlType === 'DISCONNECT'), 'no DISCONNECT reached Bob').toEqual([]);
      });
    });
    // Reads and records on Bob's behalf that the documents neither allow nor forbid: a warning if done.
    await test.step('queryQueueInfo for Bob', async () => {
      await expectRejected(await a.api.call('queryQueueInfo', { body: { userId: b.userId, channelConfigId: config.channelConfigId, channel: 'WEB' } }), RULES.onBehalfQueue);
    });
    await test.step('saveSatisfaction for Bob', async () => {
      await expectRejected(await a.api.call('saveSatisfaction', { body: { channel: 'WEB', userId: b.userId, evaluation: '1', comment: 'not mine', channelConfigId: config.channelConfigId } }), RULES.onBehalfSatisfaction);
    });
    if (welcome.interIdx !== undefined) {
      await test.step('feedbackSatisfaction from Bob', async () => {
        await expectRejected(await a.api.call('feedbackSatisfaction', { body: { feedback: 1, from: b.userId, interIdx: String(welcome.interIdx) } }), RULES.onBehalfFeedback);
      });
    }
    await test.step('downloadFileStream of Bob\'s file', async () => {
      const file = textFile(faker, 2);
      const up = await bodyOf(await b.api.call('uploadFileStream', { body: { fileType: file.fileType, fileStream: file.bytes.toString('base64'), channel: 'WEB' } }));
      if (!up.objectKey) return; // optional in table 8-2: nothing to download (the upload test warns about it)
      await expectRejected(await a.api.call('downloadFileStream', { body: { fileId: up.objectKey!, channel: 'WEB', fileType: file.fileType } }),
        RULES.ownFilesOnly);
    });
  });
});

const UNTOUCHED = RULES.untouched;
