// @negative: the documented business rules answer their documented codes, and inputs the documents forbid are refused.
import { test, expect, ops } from '../../fixtures/index.js';
import { mobileAgentCallBody } from '../../fixtures/builders.js';
import { calledNumber, robotInterIdx } from '../../fixtures/baselines.js';
import { expectRejected } from '../../fixtures/negative.js';
import { operation } from '../../src/contract/spec.js';

test.describe('robot feedback', () => {
  test('feedbackSatisfaction "dissatisfied" without feedbackContent answers 30000000008', {
    tag: ['@negative', '@health'],
    annotation: ops('feedbackSatisfaction'),
  }, async ({ customer, faker }, testInfo) => {
    const interIdx = await robotInterIdx(customer, faker);
    const response = await customer.api.feedbackSatisfaction({ feedback: 0, from: customer.userId, interIdx });
    await expectRejected(operation('feedbackSatisfaction'), response, { expect: { code: '30000000008' } }, testInfo);
  });

  test('feedbackSatisfaction "dissatisfied" with an empty feedbackContent answers 30000000008', {
    tag: ['@negative', '@health'],
    annotation: ops('feedbackSatisfaction'),
  }, async ({ customer, faker }, testInfo) => {
    const interIdx = await robotInterIdx(customer, faker);
    const response = await customer.api.feedbackSatisfaction({ feedback: 0, feedbackContent: '', from: customer.userId, interIdx });
    await expectRejected(operation('feedbackSatisfaction'), response, { expect: { code: '30000000008' } }, testInfo);
  });
});

test.describe('anonymous call bounds', () => {
  const cases: Array<[string, (called: string) => Record<string, unknown>]> = [
    ['a called number longer than 32', () => ({ called: '1'.repeat(33), callerPresent: '95599' })],
    ['an empty called number', () => ({ called: '', callerPresent: '95599' })],
    ['a callerPresent longer than 32', (called) => ({ called, callerPresent: '9'.repeat(33) })],
    ['callData longer than 1024', (called) => ({ called, callerPresent: '95599', callData: 'x'.repeat(1025) })],
  ];
  for (const [what, body] of cases) {
    test(`createMobileAgentCall with ${what} answers 30010000003`, {
      tag: ['@negative', '@side-effect'],
      annotation: ops('createMobileAgentCall'),
    }, async ({ api, config, faker }, testInfo) => {
      const called = calledNumber({ config, faker, testInfo });
      const response = await api.raw('createMobileAgentCall', { body: { ...mobileAgentCallBody(faker, called), ...body(called) }, variant: `bound:${what}` });
      await expectRejected(operation('createMobileAgentCall'), response, { expect: { code: '30010000003' } }, testInfo);
    });
  }
});

test.describe('messages', () => {
  test('send refuses a TEXT message over 1 KB', {
    tag: ['@negative', '@health'],
    annotation: ops('send'),
  }, async ({ customer }, testInfo) => {
    await expect(await customer.connect()).toSucceed();
    const response = await customer.api.raw('send', { body: customer.body('CHAT', 'x'.repeat(1025)), variant: 'bound:content:1025' });
    await expectRejected(operation('send'), response, {}, testInfo);
  });

  test('send refuses a `to` that is not the channel configuration', {
    tag: ['@negative', '@health'],
    annotation: ops('send'),
  }, async ({ customer, faker }, testInfo) => {
    const response = await customer.api.send({ ...customer.body('CONNECT'), to: faker.string.numeric(19) });
    await expectRejected(operation('send'), response, {}, testInfo);
  });

  test('queryQueueInfo before CONNECT is refused', {
    tag: ['@negative', '@health'],
    annotation: ops('queryQueueInfo'),
  }, async ({ customer }, testInfo) => {
    const response = await customer.queryQueueInfo();
    await expectRejected(operation('queryQueueInfo'), response, {}, testInfo);
  });
});

test.describe('files', () => {
  test('uploadFileStream refuses an empty fileStream with a documented code', {
    tag: ['@negative', '@health'],
    annotation: ops('uploadFileStream'),
  }, async ({ customer }, testInfo) => {
    const response = await customer.api.uploadFileStream({ fileType: 'txt', fileStream: '', channel: 'WEB' });
    await expectRejected(operation('uploadFileStream'), response, { expect: { codes: ['2', '3'] } }, testInfo);
  });

  test('uploadFileStream refuses a fileStream that is not base64 with a documented code', {
    tag: ['@negative', '@health'],
    annotation: ops('uploadFileStream'),
  }, async ({ customer }, testInfo) => {
    const response = await customer.api.uploadFileStream({ fileType: 'txt', fileStream: '%%% not base64 %%%', channel: 'WEB' });
    await expectRejected(operation('uploadFileStream'), response, { expect: { codes: ['3', '13'] } }, testInfo);
  });

  test('uploadFileStream refuses a file over 2 MB', {
    tag: ['@negative'],
    annotation: ops('uploadFileStream'),
  }, async ({ customer, faker }, testInfo) => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, faker.string.alpha(1));
    const response = await customer.api.uploadFileStream({ fileType: 'txt', fileStream: big.toString('base64'), channel: 'WEB' });
    // A gateway in front may already refuse the size (413): any rejection will do.
    await expectRejected(operation('uploadFileStream'), response, {}, testInfo);
  });

  test('downloadFileStream of a file that does not exist is refused with a documented code', {
    tag: ['@negative', '@health'],
    annotation: ops('downloadFileStream'),
  }, async ({ customer, faker }, testInfo) => {
    const response = await customer.api.downloadFileStream({ fileId: faker.string.uuid(), channel: 'WEB', fileType: 'txt' });
    await expectRejected(operation('downloadFileStream'), response, { expect: { codes: ['2', '13'] } }, testInfo);
  });
});

test.describe('tokens', () => {
  test('tokenByAkSk refuses a wrong app_secret', {
    tag: ['@negative', '@health'],
    annotation: ops('tokenByAkSk'),
  }, async ({ api, config, faker }, testInfo) => {
    const response = await api.tokenByAkSk({ app_key: config.appKey, app_secret: faker.string.alphanumeric(24) });
    await expectRejected(operation('tokenByAkSk'), response, {}, testInfo);
  });

  test('tokenByAkSk refuses an unknown app_key', {
    tag: ['@negative', '@health'],
    annotation: ops('tokenByAkSk'),
  }, async ({ api, config, faker }, testInfo) => {
    const response = await api.tokenByAkSk({ app_key: faker.string.uuid(), app_secret: config.appSecret });
    await expectRejected(operation('tokenByAkSk'), response, {}, testInfo);
  });

  test('a ccmessaging-token does not work as the Bearer token', {
    tag: ['@negative', '@health'],
    annotation: ops('poll'),
  }, async ({ customer }, testInfo) => {
    const response = await customer.api.raw('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, credentials: { fabricToken: customer.token }, variant: 'credential:swapped' });
    await expectRejected(operation('poll'), response, {}, testInfo);
  });
});

test.describe('agent', () => {
  test('agentSignIn with a wrong password answers a failure retcode', {
    // Not @health: a wrong password counts towards a production agent's lockout.
    tag: ['@negative'],
    annotation: ops('agentSignIn'),
  }, async ({ api, config, faker, agentLock }, testInfo) => {
    void agentLock;
    test.skip(config.health, 'the health check never tries an agent\'s password');
    const agent = config.agent!;
    const response = await api.agentSignIn(agent.agentId, { password: `${faker.string.alphanumeric(12)}!`, phonenum: agent.phone ?? faker.string.numeric(8), status: '5', releasephone: false, agenttype: '4', autoenteridle: true });
    await expectRejected(operation('agentSignIn'), response, { expect: { code: '100-004' } }, testInfo);
  });

  test('sendMessage to a call that is not the agent\'s is refused', {
    tag: ['@negative', '@health'],
    annotation: ops('sendMessage'),
  }, async ({ agent, config, faker }, testInfo) => {
    const callId = `${Math.floor(Date.now() / 1000)}-${faker.string.numeric(8)}`;
    const response = await agent.api.sendMessage(agent.agentId, { callid: callId, data: JSON.stringify({ from: config.channelConfigId, to: faker.string.numeric(13), channel: 'WEB', controlType: 'CHAT', mediaType: 'TEXT', messageCode: faker.string.uuid(), content: faker.lorem.sentence(), senderNickname: 'Agent', senderAvatar: 'DefaultAvatar', sendTime: Date.now(), userId: faker.string.numeric(13) }) });
    await expectRejected(operation('sendMessage'), response, {}, testInfo);
  });
});
