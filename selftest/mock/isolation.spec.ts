// A ccmessaging-token acts for its own user only, on every operation that names a user.
import { expect, test } from '@playwright/test';
import { call, creds, customer, mockApp, poll, queueInfo, send, sendBody, type App, type Customer } from './helpers.js';

async function twoCustomers(): Promise<{ app: App; alice: Customer; bob: Customer }> {
  const app = await mockApp();
  const alice = await customer(app, 'alice');
  const bob = await customer(app, 'bob');
  for (const c of [alice, bob]) await send(app, c, 'CONNECT');
  return { app, alice, bob };
}

test.describe('user isolation', () => {
  test('poll never returns another user\'s messages', async () => {
    const { app, alice, bob } = await twoCustomers();
    await send(app, alice, 'CHAT', 'opening hours');
    await send(app, bob, 'CHAT', 'track my order');
    const a = await poll(app, alice);
    const b = await poll(app, bob);
    expect(a.length).toBe(2);
    expect(b.length).toBe(2);
    expect(a.every((m) => m.to === 'alice')).toBe(true);
    expect(b.every((m) => m.to === 'bob')).toBe(true);
    expect(a[1].content).toMatch(/08:00/);
    expect(b[1].content).toMatch(/My orders/);
  });

  test('send with "from" another user acts as the token\'s user (a note says so); bob is untouched', async () => {
    const { app, alice, bob } = await twoCustomers();
    const r = await call(app, 'send', { headers: alice.headers, body: { ...sendBody(app, alice, 'CHAT', 'opening hours'), from: 'bob' } });
    expect(r.status).toBe(200);
    expect(r.body.resultCode).toBe('0');
    expect(r.headers['x-mock-note']).toBe('acted as the ccmessaging-token\'s user; "from" "bob" ignored');
    expect((await poll(app, alice)).map((m) => m.to), 'the welcome and the robot\'s answer').toEqual(['alice', 'alice']);
    expect((await poll(app, bob)).length, 'only bob\'s own welcome').toBe(1);
  });

  test('MOCK_STRICT_REQUESTS: send with "from" another user → 401', async () => {
    const app = await mockApp({ strictRequests: true });
    const alice = await customer(app, 'alice');
    const r = await call(app, 'send', { headers: alice.headers, body: { ...sendBody(app, alice, 'CHAT', 'hi'), from: 'bob' } });
    expect(r.status).toBe(401);
    expect(r.body.errorCode).toEqual(expect.any(String));
  });

  test('poll with another user\'s receiverId → 401, and bob\'s messages stay pending', async () => {
    const { app, alice, bob } = await twoCustomers();
    const r = await call(app, 'poll', { headers: alice.headers, query: { receiverId: 'bob', channel: 'WEB' } });
    expect(r.status).toBe(401);
    expect((await poll(app, bob)).length).toBe(1);
  });

  test('queryQueueInfo for another userId → resultCode "3"', async () => {
    const { app, alice } = await twoCustomers();
    expect((await queueInfo(app, alice, 'bob')).body.resultCode).toBe('3');
  });

  test('saveSatisfaction for another userId → "13"', async () => {
    const { app, alice } = await twoCustomers();
    const r = await call(app, 'saveSatisfaction', { headers: alice.headers, body: { channel: 'WEB', userId: 'bob', evaluation: '5', comment: 'ok', channelConfigId: creds(app).channelConfigId } });
    expect(r.body.resultCode).toBe('13');
  });

  test('feedbackSatisfaction with another "from" → "10010000001"; bob\'s interIdx is not alice\'s', async () => {
    const { app, alice, bob } = await twoCustomers();
    const [bobWelcome] = await poll(app, bob);
    const asBob = await call(app, 'feedbackSatisfaction', { headers: alice.headers, body: { feedback: 1, from: 'bob', interIdx: bobWelcome.interIdx } });
    expect(asBob.body.resultCode).toBe('10010000001');
    const bobsIdx = await call(app, 'feedbackSatisfaction', { headers: alice.headers, body: { feedback: 1, from: 'alice', interIdx: bobWelcome.interIdx } });
    expect(bobsIdx.body.resultCode).toBe('30000000019');
  });

  test('downloadFileStream of another user\'s file → "401"', async () => {
    const { app, alice, bob } = await twoCustomers();
    const up = await call(app, 'uploadFileStream', { headers: alice.headers, body: { fileType: 'txt', channel: 'WEB', fileStream: Buffer.from('secret').toString('base64') } });
    const r = await call(app, 'downloadFileStream', { headers: bob.headers, body: { fileId: up.body.objectKey, channel: 'WEB', fileType: 'txt' } });
    expect(r.body.resultCode).toBe('401');
    expect(r.body.fileStream).toBeUndefined();
  });

  test('click-to-call events belong to their caller', async () => {
    const { app, alice, bob } = await twoCustomers();
    await call(app, 'createClickToCall', { headers: alice.headers, body: { channel: 'WEB', mediaAbility: '0' } });
    const r = await call(app, 'getClickToCallEvents', { headers: bob.headers, query: { channel: 'WEB' } });
    expect(r.body.resultDesc).toBe('ClickToCall polled without any events');
    expect((await call(app, 'dropClickToCall', { headers: bob.headers, body: { channel: 'WEB' } })).body.resultCode).not.toBe('0');
  });
});
