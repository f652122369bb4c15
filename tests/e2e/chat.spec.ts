// @e2e: the customer's chat from CONNECT to the satisfaction survey, with the robot and then an agent.
// Portable: the robot's wording is the tenant's (never asserted); replies get the configured deadline.
import { test, expect, ops } from '../../fixtures/index.js';
import { RESULT_CODES } from '../../src/contract/generated/result-codes.js';
import { chatLine, question, satisfactionBody } from '../../fixtures/builders.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';
import { bodyOf } from '../../fixtures/client.js';
import type { DownlinkMessage } from '../../fixtures/inbox.js';


test.describe('chat journeys', () => {
  test('robot: connect, welcome, question, answer, feedback, disconnect, satisfaction', {
    tag: ['@e2e', '@health'],
    annotation: ops('applyToken', 'send', 'poll', 'feedbackSatisfaction', 'saveSatisfaction'),
  }, async ({ customer, config, faker }) => {
    await test.step('connect → the robot welcomes', async () => {
      await expect(await customer.connect()).toSucceed();
      await customer.inbox.waitForMessage('the robot\'s welcome', (m) => m.sourceType === 'ROBOT');
    });
    const answer = await test.step('ask → the robot answers', async () => {
      const from = customer.inbox.mark();
      const response = await customer.chat(question(faker));
      await expect(response).toSucceed();
      return customer.inbox.waitForRobotAnswer('the robot\'s answer', { from });
    });
    await test.step('rate the answer by its interIdx', async () => {
      // Without an interIdx there is nothing to rate (optional by E6: a warning, and the step is left out).
      if (!await judge(RULES.robotInterIdx, () => expect(answer.interIdx, 'the robot\'s answer carries an interIdx').toBeDefined())) return;
      const response = await customer.api.call('feedbackSatisfaction', { body: { feedback: 1, from: customer.userId, interIdx: String(answer.interIdx) } });
      await expect(response).toSucceed();
    });
    await test.step('disconnect', async () => {
      await expect(await customer.disconnect()).toSucceed();
    });
    await test.step('satisfaction survey', async () => {
      const response = await customer.api.call('saveSatisfaction', { body: satisfactionBody(faker, customer.who, config.channelConfigId) });
      const body = await bodyOf(response);
      expect(body.resultCode ?? body.returnCode).toBe('0');
    });
  });

  test('agent: transfer, queue, the agent answers, each message once (in order: guidance), the customer replies', {
    tag: ['@e2e'],
    annotation: ops('applyToken', 'send', 'poll', 'feedbackSatisfaction', 'queryQueueInfo', 'sendMessage', 'saveSatisfaction'),
  }, async ({ customer, agent, config, faker }) => {
    await test.step('connect → welcome, question → answer, feedback', async () => {
      await expect(await customer.connect()).toSucceed();
      await customer.inbox.waitForMessage('the robot\'s welcome', (m) => m.sourceType === 'ROBOT');
      const from = customer.inbox.mark();
      await expect(await customer.chat(question(faker))).toSucceed();
      const answer = await customer.inbox.waitForRobotAnswer('the robot\'s answer', { from });
      if (await judge(RULES.robotInterIdx, () => expect(answer.interIdx, 'the robot\'s answer carries an interIdx').toBeDefined())) {
        await expect(await customer.api.call('feedbackSatisfaction', { body: { feedback: 1, from: customer.userId, interIdx: String(answer.interIdx) } })).toSucceed();
      }
    });

    const transferredAt = customer.inbox.mark();
    await test.step('transfer → queue information', async () => {
      const response = await customer.transfer();
      await expect(response).toSucceed();
      const queue = await customer.queryQueueInfo();
      const body = await bodyOf(queue);
      expect([RESULT_CODES.queryQueueInfo.queued, RESULT_CODES.queryQueueInfo.alreadyTransferredToAnAgent], `queryQueueInfo resultCode ${body.resultCode} (${body.resultDesc ?? ''})`).toContain(body.resultCode);
      if (body.resultCode === '0') await judge(RULES.queuePosition, () => expect(Number.isInteger(body.position), 'position while queued').toBe(true));
    });

    const callId = await test.step('an agent takes the call (callId in a downlink message)', async () => {
      const m = await customer.inbox.waitForMessage('an agent to take the call', (x) => typeof x.callId === 'string' && x.callId !== '', { from: transferredAt });
      return m.callId!;
    });

    const sent = [chatLine(faker), chatLine(faker, 3), `${chatLine(faker, 10)} — “quoted” & 'single' 100%`];
    const agentFrom = customer.inbox.mark();
    await test.step('the agent sends several messages', async () => {
      for (const text of sent) {
        const response = await agent.sendText(callId, customer.userId, text);
        expect((await bodyOf(response)).retcode, 'sendmessage retcode').toBe('0');
      }
    });

    await test.step('the customer receives each exactly once, byte-identical (in order: guidance)', async () => {
      const isOurs = (m: DownlinkMessage): boolean => m.sourceType === 'AGENT' && sent.includes(m.content);
      const received = await customer.inbox.waitForCount('the agent\'s messages', isOurs, sent.length, { from: agentFrom });
      // Give a late duplicate a chance to show up: one more poll (the inbox fails on any duplicate it sees).
      await customer.inbox.pollOnce();
      const all = customer.inbox.messages.slice(agentFrom).filter(isOurs);
      const arrived = all.map((m) => m.content);
      await judge(RULES.agentDelivery, () => expect([...arrived].sort(), 'each agent message exactly once').toEqual([...sent].sort()));
      await judge(RULES.inOrder, () => expect(arrived, 'in the order sent').toEqual(sent));
      for (const m of received) {
        expect(sent.some((s) => Buffer.from(m.content, 'utf8').equals(Buffer.from(s, 'utf8'))), `"${m.content}" byte-identical to a message sent`).toBe(true);
        expect(m.callId ?? callId, 'the message belongs to the call').toBe(callId);
      }
    });

    await test.step('the customer answers the agent', async () => {
      const response = await customer.chat(chatLine(faker));
      await expect(response).toSucceed();
    });

    await test.step('disconnect, then the satisfaction survey', async () => {
      await expect(await customer.disconnect()).toSucceed();
      const response = await customer.api.call('saveSatisfaction', { body: satisfactionBody(faker, customer.who, config.channelConfigId) });
      const body = await bodyOf(response);
      expect(body.resultCode ?? body.returnCode).toBe('0');
    });
  });
});
