// The customer's session through send: CONNECT → robot → TRANS2AGENT → queue → agent → DISCONNECT, with
// queryQueueInfo's answer at every step, and the robot's answers.
import { expect, test } from '@playwright/test';
import { validateResponseBody } from '../../src/contract/validators.js';
import { call, customer, manualClock, mockApp, poll, pollUntil, queueInfo, send } from './helpers.js';

test.describe('session state machine', () => {
  test('CONNECT → robot welcome; CHAT → robot answers; TRANS2AGENT → queued; agent takes it; DISCONNECT ends it', async () => {
    const app = await mockApp({ agentDelayMs: 150 });
    const c = await customer(app, 'walker');

    expect((await queueInfo(app, c)).body.resultCode).toBe('160004');
    expect((await send(app, c, 'CHAT', 'hello')).body.resultCode).not.toBe('0');

    expect((await send(app, c, 'CONNECT')).body).toEqual({ resultCode: '0', resultDesc: 'connect to robot success.' });
    const [welcome, ...none] = await poll(app, c);
    expect(none).toEqual([]);
    expect(welcome).toMatchObject({ sourceType: 'ROBOT', to: 'walker', channel: 'WEB', mediaType: 'TEXT', simQuestions: null, callId: null });
    expect(welcome.interIdx).toEqual(expect.any(String));

    expect((await send(app, c, 'CHAT', 'How do I reset my password?')).body.resultCode).toBe('0');
    const [answer] = await poll(app, c);
    expect(answer.sourceType).toBe('ROBOT');
    expect(answer.content).toMatch(/Forgot password/);
    expect(answer.interIdx).not.toBe(welcome.interIdx);
    expect(typeof answer.simQuestions).toBe('string');
    expect(JSON.parse(answer.simQuestions)).toContain('How do I change my password?');

    expect((await send(app, c, 'INPUT')).body.resultCode).toBe('0');
    expect(await poll(app, c)).toEqual([]);

    expect((await send(app, c, 'TRANS2AGENT')).body).toEqual({ resultCode: '0', resultDesc: 'transfer from robot to agent success.' });
    const q = await queueInfo(app, c);
    expect(q.body).toMatchObject({ resultCode: '0', position: 1 });
    for (const k of ['totalWaitTime', 'currentDeviceWaitTime', 'configMaxcWaitTime', 'longestWaitTime', 'estimateWaitTime']) expect(Number.isInteger(q.body[k]), k).toBe(true);
    const queued = await poll(app, c);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ sourceType: 'SYSTEM', queueFlag: 'Y', callId: null });

    const msgs = await pollUntil(app, c, (m) => m.callId);
    const connected = msgs.find((m) => m.callId);
    expect(connected).toMatchObject({ sourceType: 'SYSTEM', content: 'Connected Agent', queueFlag: null });
    const callId: string = connected.callId;
    expect((await queueInfo(app, c)).body.resultCode).toBe('160021');

    // CHAT now goes to the agent: no robot answer, and the call keeps the customer's words.
    expect((await send(app, c, 'CHAT', 'I need a person')).body).toEqual({ resultCode: '0', resultDesc: 'Send message to agent successfully' });
    expect(await poll(app, c)).toEqual([]);
    const session = app.mock.store.users.get('walker')!.session!;
    expect(session.customerMessages.map((m) => m.content)).toEqual(['How do I reset my password?', 'I need a person']);

    expect((await send(app, c, 'DISCONNECT')).body).toEqual({ resultCode: '0', resultDesc: 'Disconnect robot successfully' });
    const [bye] = await poll(app, c);
    expect(bye).toMatchObject({ sourceType: 'SYSTEM', controlType: 'DISCONNECT', callId });
    expect((await queueInfo(app, c)).body.resultCode).toBe('5');
    expect((await send(app, c, 'CHAT', 'still there?')).body.resultCode).not.toBe('0');
  });

  test('TRANSFER (the table\'s spelling) queues like TRANS2AGENT', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    expect((await send(app, c, 'TRANSFER')).body.resultCode).toBe('0');
    // Queued, or already taken when the 20 ms pickup came first (a loaded machine).
    expect(['0', '160021']).toContain((await queueInfo(app, c)).body.resultCode);
    await pollUntil(app, c, (m) => m.callId);
  });

  test('every message after the agent takes the session carries its callId', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await send(app, c, 'TRANS2AGENT');
    const callId = (await pollUntil(app, c, (m) => m.callId)).find((m) => m.callId).callId;
    const { agentId, agentGuid } = app.mock.options.credentials;
    await call(app, 'sendMessage', { params: { agentid: agentId }, headers: { Guid: agentGuid }, body: { callid: callId, data: 'hello from the agent' } });
    await send(app, c, 'DISCONNECT');
    const later = await poll(app, c);
    expect(later).toHaveLength(2);
    for (const m of later) expect(m.callId).toBe(callId);
  });

  test('DISCONNECT while queued: the agent never takes the session', async () => {
    const app = await mockApp({ agentDelayMs: 30 });
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await send(app, c, 'TRANS2AGENT');
    await send(app, c, 'DISCONNECT');
    await new Promise((r) => setTimeout(r, 120));
    const msgs = await poll(app, c);
    expect(msgs.map((m) => m.controlType).at(-1)).toBe('DISCONNECT');
    expect(msgs.some((m) => m.callId)).toBe(false);
    expect(app.mock.store.calls.size).toBe(0);
  });

  test('a reset while queued cancels the pickup; the store stays empty', async () => {
    const app = await mockApp({ agentDelayMs: 30 });
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await send(app, c, 'TRANS2AGENT');
    app.mock.store.reset();
    await new Promise((r) => setTimeout(r, 120));
    expect(app.mock.store.users.size).toBe(0);
    expect(app.mock.store.calls.size).toBe(0);
    // Tokens went with the reset.
    expect((await poll(app, c).catch((e: Error) => e.message))).toMatch(/401/);
  });

  test('queue positions follow the order of transfer', async () => {
    const app = await mockApp({ agentDelayMs: 10_000 });
    const a = await customer(app, 'a');
    const b = await customer(app, 'b');
    for (const c of [a, b]) await send(app, c, 'CONNECT');
    await send(app, a, 'TRANS2AGENT');
    await send(app, b, 'TRANS2AGENT');
    expect((await queueInfo(app, a)).body.position).toBe(1);
    expect((await queueInfo(app, b)).body.position).toBe(2);
    await send(app, a, 'DISCONNECT');
    expect((await queueInfo(app, b)).body.position).toBe(1);
    await app.close();
  });

  test('CONNECT after DISCONNECT starts a fresh robot session', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await send(app, c, 'DISCONNECT');
    await poll(app, c);
    expect((await send(app, c, 'CONNECT')).body.resultCode).toBe('0');
    expect((await poll(app, c))[0].sourceType).toBe('ROBOT');
    expect((await send(app, c, 'CHAT', 'opening hours')).body.resultCode).toBe('0');
  });

  test('an idle session is released after MOCK_SESSION_IDLE_S, its pending messages with it', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now, sessionIdleS: 60 });
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    clock.advance(61_000);
    expect((await queueInfo(app, c)).body.resultCode).toBe('160004');
    expect(await poll(app, c)).toEqual([]);
  });

  test('the robot: unknown words → no simQuestions; a file → a polite answer; content within 500 characters', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await poll(app, c);
    await send(app, c, 'CHAT', 'zzqx');
    await send(app, c, 'CHAT', 'objkey,jpg', { mediaType: 'FILE_IMAGE' });
    await send(app, c, 'CHAT', 'x'.repeat(1024));
    const [unknown, file, long] = await poll(app, c);
    expect(unknown.simQuestions).toBeNull();
    expect(unknown.content).toMatch(/did not understand/);
    expect(file.content).toMatch(/file/);
    expect(long.content.length).toBeLessThanOrEqual(500);
  });

  test('send "to" another channel configuration → a non-"0" code', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const r = await send(app, c, 'CONNECT', '', { to: 'another-channel' });
    expect(r.status).toBe(200);
    expect(r.body.resultCode).not.toBe('0');
  });
});

test.describe('poll delivery', () => {
  test('delivers every pending message exactly once, in order, each valid against DownlinkMessage', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    const questions = ['opening hours', 'track my order', 'cancel my order', 'return a product', 'payment methods'];
    for (const q of questions) await send(app, c, 'CHAT', q);
    const r = await call(app, 'poll', { headers: c.headers });
    expect(validateResponseBody('poll', 200, r.body).valid).toBe(true);
    const msgs = r.body.downlinkMessages;
    expect(msgs).toHaveLength(1 + questions.length);
    expect(msgs.slice(1).map((m: { content: string }) => m.content)).toEqual([
      expect.stringMatching(/08:00/), expect.stringMatching(/My orders/), expect.stringMatching(/Cancel/), expect.stringMatching(/return/), expect.stringMatching(/cards/),
    ]);
    const ts = msgs.map((m: { timestamp: number }) => m.timestamp);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
    expect(new Set(msgs.map((m: { messageCode: string }) => m.messageCode)).size).toBe(msgs.length);
    expect(new Set(msgs.map((m: { interIdx: string }) => m.interIdx)).size).toBe(msgs.length);
    expect(await poll(app, c)).toEqual([]);
  });

  test('an empty poll answers resultCode "0" with an empty array', async () => {
    const app = await mockApp();
    const c = await customer(app, 'nobody-yet');
    const r = await call(app, 'poll', { headers: c.headers });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ resultCode: '0', resultDesc: 'query user messages success.', downlinkMessages: [] });
  });
});
