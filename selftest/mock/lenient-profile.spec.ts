// The lenient profile (MOCK_PROFILE=lenient, mock/behaviour/profiles/lenient.ts), one behaviour per test, each through the
// extension point that makes it; what the documents forbid stays refused; every answer is still valid by the spec.
import { expect, test } from '@playwright/test';
import { validateResponseBody } from '../../src/contract/validators.js';
import { OptionError, parseOptions } from '../../mock/behaviour/options.js';
import type { DownlinkMessage } from '../../mock/state/downlink.js';
import type { UserState } from '../../mock/state/model.js';
import { LENIENT_PROFILE, LENIENT_REPLY_DELAY_MS } from '../../mock/behaviour/profiles/lenient.js';
import { LENIENT_AGENT_DELAY_MS } from '../../mock/behaviour/profiles/names.js';
import type { MockStore } from '../../mock/state/store.js';
import { agentPath, call, creds, customer, mockApp, poll, send, sendBody, type App } from './helpers.js';

const lenient = (): Promise<App> => mockApp({ profile: 'lenient' });

/** Polls until something arrives (the lenient tenant delivers replies later); no fixed sleep. */
async function next(app: App, c: Awaited<ReturnType<typeof customer>>): Promise<any[]> {
  let got: any[] = [];
  await expect.poll(async () => (got = await poll(app, c)).length, { timeout: 5_000 }).toBeGreaterThan(0);
  return got;
}

test.describe('lenient profile', () => {
  test('settings: MOCK_PROFILE=lenient brings a slower agent unless MOCK_AGENT_DELAY_MS says otherwise; strict requests belong to the default profile', () => {
    expect(parseOptions({ MOCK_PROFILE: 'lenient' }).agentDelayMs).toBe(LENIENT_AGENT_DELAY_MS);
    expect(parseOptions({ MOCK_PROFILE: 'lenient', MOCK_AGENT_DELAY_MS: '5' }).agentDelayMs).toBe(5);
    expect(parseOptions({}).profile).toBe('default');
    expect(() => parseOptions({ MOCK_PROFILE: 'lax' })).toThrow(OptionError);
    expect(() => parseOptions({ MOCK_PROFILE: 'lenient', MOCK_STRICT_REQUESTS: '1' })).toThrow(/MOCK_STRICT_REQUESTS/);
  });

  test('onRequestProblem: channel outside the list, another mediaType, any timestamp, an empty from are taken (noted); a closed set of the documents is not', async () => {
    const app = await lenient();
    const c = await customer(app, 'u1');
    const r = await call(app, 'send', { headers: c.headers, body: sendBody(app, c, 'CONNECT', '', { channel: 'APP', mediaType: 'MARKDOWN', timestamp: '2025-01-01T00:00:00Z', from: '' }) });
    expect(r.status).toBe(200);
    expect(r.headers['x-mock-note']).toMatch(/took channel "APP".*took mediaType "MARKDOWN".*took timestamp/);
    const q = await call(app, 'poll', { headers: c.headers, query: { channel: 'APP' } });
    expect(q.status).toBe(200);
    expect((await call(app, 'saveSatisfaction', { headers: c.headers, body: { channel: 'WEB', userId: 'u1', evaluation: '9', comment: '', channelConfigId: creds(app).channelConfigId } })).status, 'evaluation 1..5 (table 6-2): refused, as 400 instead of "13"').toBe(400);
  });

  test('onRequestProblem: a refusal in its other documented form (200 with the parameter-error code for a structural problem)', async () => {
    const app = await lenient();
    const c = await customer(app, 'u1');
    const r = await call(app, 'saveSatisfaction', { headers: c.headers, body: { channel: 'WEB', userId: 'u1', evaluation: '5' } });
    expect(r.status).toBe(200);
    expect(r.body.returnCode, '"13", answered as returnCode (E3)').toBe('13');
  });

  test('tokens and onRequestProblem: X-Token-Expire above 3600 answers Expires 3600 (as a number), and the token lapses by then', async () => {
    const app = await lenient();
    const { appKey, appSecret } = creds(app);
    const r = await call(app, 'tokenByAkSk', { headers: { 'X-Token-Expire': '7200' }, body: { app_key: appKey, app_secret: appSecret } });
    expect(r.body.Expires).toBe(3600);
    expect(r.headers['x-mock-note']).toBe('took X-Token-Expire 7200: clamped to 3600 seconds');
    const token = [...app.mock.store.fabricTokens.values()][0];
    expect(token.expiresAt - token.createdAt).toBe(3600 * 1000);
  });

  test('handlers: an empty from on feedbackSatisfaction and another receiverId on poll are the token\'s user; Alice\'s token with from Bob acts as Alice', async () => {
    const app = await lenient();
    const [a, b] = [await customer(app, 'alice'), await customer(app, 'bob')];
    await send(app, a, 'CONNECT');
    await send(app, b, 'CONNECT');
    const welcome = (await next(app, a))[0];
    const fb = await call(app, 'feedbackSatisfaction', { headers: a.headers, body: { feedback: 1, from: '', interIdx: String(welcome.interIdx) } });
    expect(fb.body.resultCode).toBe('0');
    await send(app, a, 'CHAT', 'opening hours', { from: 'bob' });
    const asBob = await call(app, 'poll', { headers: a.headers, query: { receiverId: 'bob', channel: 'WEB' } });
    expect(asBob.headers['x-mock-note']).toBe('answered the ccmessaging-token\'s user; receiverId ignored');
    const mine = [...asBob.body.downlinkMessages, ...await next(app, a)];
    expect(mine.every((m: { to: string }) => m.to === 'alice')).toBe(true);
    // His welcome, in however many downlinks the profile sends it (two: lenient-delivery.ts).
    expect([...new Set((await next(app, b)).map((m) => m.to))], 'bob has his welcome only').toEqual(['bob']);
  });

  test('onRequestProblem: a sign-in without phonenum and with other status and agenttype', async () => {
    const app = await lenient();
    const r = await call(app, 'agentSignIn', { params: agentPath(app), body: { password: creds(app).agentPassword, status: '3', agenttype: '11' } });
    expect(r.body.retcode).toBe('0');
    expect(String(r.headers['set-guid'])).toMatch(/^JSESSIONID=/);
  });

  test('postResponse: optional fields left out, undocumented ones added, success without resultCode where the schema lets it go; every answer still valid', async () => {
    const app = await lenient();
    const c = await customer(app, 'u1');
    const connect = await send(app, c, 'CONNECT');
    expect(connect.body).toEqual({ resultCode: '0', tenantTraceId: 'lenient-send' });
    const [welcome] = await next(app, c);
    for (const gone of ['senderNickname', 'senderAvatar', 'timestamp', 'robotGender', 'queueFlag', 'messageCode']) expect(welcome, gone).not.toHaveProperty(gone);
    expect(welcome.displayHint).toBe('plain');
    await send(app, c, 'TRANS2AGENT');
    const queue = await call(app, 'queryQueueInfo', { headers: c.headers, body: { userId: 'u1', channelConfigId: creds(app).channelConfigId, channel: 'WEB' } });
    expect(Object.keys(queue.body).sort()).toEqual(['position', 'resultCode', 'tenantTraceId']);
    const events = await call(app, 'getClickToCallEvents', { headers: c.headers, query: { channel: 'WEB' } });
    expect(events.body, 'no event: neither resultCode nor resultDesc (table 12-3)').toEqual({ tenantTraceId: 'lenient-getClickToCallEvents' });
    for (const [op, r] of [['send', connect], ['queryQueueInfo', queue], ['getClickToCallEvents', events]] as const) expect(validateResponseBody(op, 200, r.body).errors, op).toEqual([]);
  });

  test('delivery: a reply reaches the outbox later (scheduled on the store\'s timers), not at once', async () => {
    const scheduled: number[] = [];
    const pushed: unknown[] = [];
    const store = { now: 1_000, later: (ms: number, fn: () => void) => { scheduled.push(ms); fn(); return { cancel: () => undefined }; }, pushOutbox: (_u: unknown, m: unknown) => pushed.push(m) } as unknown as MockStore;
    const user = { userId: 'u1' } as UserState;
    const msg = { content: 'hi' } as DownlinkMessage;
    expect(LENIENT_PROFILE.delivery!.deliver!(store, user, msg), 'nothing now').toEqual([]);
    expect(scheduled).toEqual([LENIENT_REPLY_DELAY_MS]);
    expect(pushed).toEqual([msg]);
    // And through the app: the welcome arrives (polled for, not waited out).
    const app = await lenient();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    expect((await next(app, c))[0].sourceType).toBe('ROBOT');
  });

  test('delivery: one customer\'s messages reach the outbox in the order they were made, whatever order their timers fire in', () => {
    // Timers a millisecond apart fire in either order on a busy machine (the determinism self-test once saw an agent
    // message overtaken); here the last one made fires first.
    const timers: Array<() => void> = [];
    const pushed: string[] = [];
    const store = { now: 1_000, later: (_ms: number, fn: () => void) => { timers.push(fn); return { cancel: () => undefined }; }, pushOutbox: (_u: unknown, m: DownlinkMessage) => pushed.push(m.content), ids: { uuid: () => 'm-2' } } as unknown as MockStore;
    const user = { userId: 'u1' } as UserState;
    for (const [content, sourceType] of [['Welcome. Ask me anything.', 'ROBOT'], ['agent 1', 'AGENT'], ['agent 2', 'AGENT']]) {
      LENIENT_PROFILE.delivery!.deliver!(store, user, { content, sourceType } as DownlinkMessage);
    }
    for (const fire of timers.reverse()) fire();
    expect(pushed).toEqual(['Welcome.', 'Ask me anything.', 'agent 1', 'agent 2']);
  });
});
