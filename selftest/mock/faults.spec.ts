// Fault injection and flow control, each switch on its own, and the admin endpoint that changes them per run.
import { expect, test } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { FLOW_CONTROL_CODE } from '../../mock/behaviour/flow-control.js';
import type { Handler } from '../../mock/handlers/types.js';
import { call, creds, customer, fabricHeaders, manualClock, mockApp, send } from './helpers.js';

test.describe('fault injection', () => {
  test('MOCK_LATENCY_MS delays every reply', async () => {
    const app = await mockApp({ faults: { latencyMs: 150 } });
    const t0 = performance.now();
    const r = await call(app, 'checkClickToCallSupport', { query: { channel: 'WEB' } });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r.status).toBe(401); // the latency precedes the normal answer
  });

  test('MOCK_FAULT_503_RATE=1 answers 503 with Retry-After and an error body on every operation', async () => {
    const app = await mockApp({ faults: { fault503Rate: 1 } });
    const { appKey, appSecret } = creds(app);
    const r = await call(app, 'tokenByAkSk', { body: { app_key: appKey, app_secret: appSecret } });
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('1');
    expect(r.body).toEqual({ errorCode: expect.any(String), exceptionInfo: expect.stringMatching(/injected/) });
    expect((await call(app, 'agentSignOut', { params: { agentid: '1001' } })).status).toBe(503);
  });

  test('a 503 share is a share: about half at 0.5, reproducibly under one seed', async () => {
    const statuses = async () => {
      const app = await mockApp({ seed: 'share', faults: { fault503Rate: 0.5 } });
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push((await app.inject({ method: 'GET', url: '/nope' })).statusCode);
      return out;
    };
    const a = await statuses();
    const unavailable = a.filter((s) => s === 503).length;
    expect(unavailable).toBeGreaterThan(60);
    expect(unavailable).toBeLessThan(140);
    expect(a.filter((s) => s !== 503).every((s) => s === 404)).toBe(true);
    expect(await statuses()).toEqual(a);
  });

  test('MOCK_FAULT_FLOW_CONTROL_RATE=1 answers the flow-control code where the 200 body can carry it', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    app.mock.options.faults.flowControlRate = 1;
    const s = await send(app, c, 'CONNECT');
    expect(s.status).toBe(200);
    expect(s.body.resultCode).toBe(FLOW_CONTROL_CODE);
    const p = await call(app, 'poll', { headers: c.headers });
    expect(p.body).toEqual({ resultCode: FLOW_CONTROL_CODE, resultDesc: expect.any(String), downlinkMessages: [] });
    // tokenByAkSk's answer has no result code, and the gateway answers retcodes: both go on as normal.
    expect((await fabricHeaders(app)).authorization).toMatch(/^Bearer /);
    expect((await call(app, 'agentSignOut', { params: { agentid: creds(app).agentId }, headers: { Guid: creds(app).agentGuid } })).body.retcode).toBe('100-006');
    // Nothing happened behind the flow control.
    expect(app.mock.store.users.get('u1')).toBeUndefined();
  });

  test('MOCK_RATE_LIMIT: above N requests per second per app key → flow control; the next second is free again', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now, faults: { rateLimit: 3 } });
    const c = await customer(app, 'u1'); // tokenByAkSk (exempt) + applyToken: 1 counted
    clock.advance(1000);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await call(app, 'getClickToCallEvents', { headers: c.headers, query: { channel: 'WEB' } })).body.resultCode);
    expect(codes).toEqual(['0', '0', '0', FLOW_CONTROL_CODE, FLOW_CONTROL_CODE]);
    clock.advance(1000);
    expect((await call(app, 'getClickToCallEvents', { headers: c.headers, query: { channel: 'WEB' } })).body.resultCode).toBe('0');
  });

  test('MOCK_RATE_LIMIT counts per app key', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now, faults: { rateLimit: 1 } });
    const c = await customer(app, 'u1');
    clock.advance(1000);
    const events = (headers: Record<string, string>) => call(app, 'queryQueueInfo', { headers, body: { userId: 'u1', channelConfigId: creds(app).channelConfigId, channel: 'WEB' } });
    expect((await events(c.headers)).body.resultCode).toBe('160004');
    expect((await events(c.headers)).body.resultCode).toBe(FLOW_CONTROL_CODE);
    // No app key (the credentials are optional here): its own budget.
    expect((await events({})).body.resultCode).toBe('160004');
  });

  test('MOCK_TOKEN_TTL_S: tokens stop working early while announcing their nominal lifetime', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now, faults: { tokenTtlS: 5 } });
    const { appKey, appSecret } = creds(app);
    const t = await call(app, 'tokenByAkSk', { body: { app_key: appKey, app_secret: appSecret } });
    expect(t.body.Expires).toBe('600');
    const c = await customer(app, 'u1');
    expect((await call(app, 'poll', { headers: c.headers })).status).toBe(200);
    clock.advance(5_000);
    expect((await call(app, 'poll', { headers: c.headers })).status).toBe(401);
    expect((await call(app, 'applyToken', { headers: { 'x-app-key': appKey, authorization: `Bearer ${t.body.AccessToken}` }, body: { userId: 'u', userName: 'u', channelId: creds(app).channelConfigId, locale: 'en' } })).status).toBe(401);
  });

  test('MOCK_FAULT_DROP_RATE=1 drops the connection without an answer (real socket)', async () => {
    const app = await mockApp({ faults: { dropRate: 1 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const err = await fetch(`http://127.0.0.1:${port}/apiaccess/ccmessaging/v1/checkClickToCallSupport?channel=WEB`).then(() => undefined, (e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error & { cause?: unknown }).cause ?? err)).toMatch(/socket|closed|terminated|reset/i);
    } finally {
      await app.close();
    }
  });
});

test.describe('admin endpoint', () => {
  test('is off by default: /__mock/* is 404', async () => {
    const app = await mockApp();
    expect((await app.inject({ method: 'GET', url: '/__mock/health' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(404);
  });

  test('POST /__mock/faults changes faults for the run, refuses unknown or bad values, and is itself exempt', async () => {
    const app = await mockApp({ admin: true });
    const set = (payload: unknown) => app.inject({ method: 'POST', url: '/__mock/faults', payload: payload as object });
    const r = await set({ fault503Rate: 1, MOCK_LATENCY_MS: '5' });
    expect(r.statusCode).toBe(200);
    expect(r.json().faults).toMatchObject({ fault503Rate: 1, latencyMs: 5, dropRate: 0 });
    expect((await call(app, 'checkClickToCallSupport', { query: { channel: 'WEB' } })).status).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/__mock/health' })).statusCode).toBe(200);
    for (const bad of [{ fault503Rate: 2 }, { nope: 1 }, { latencyMs: 'slow' }, { dropRate: true }, [1]]) {
      const b = await set(bad);
      expect(b.statusCode, JSON.stringify(bad)).toBe(400);
      expect(b.json().exceptionInfo).toEqual(expect.any(String));
    }
    const malformed = await app.inject({ method: 'POST', url: '/__mock/faults', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(malformed.statusCode).toBe(400);
    expect((await set({ fault503Rate: 0 })).statusCode).toBe(200);
    expect((await call(app, 'checkClickToCallSupport', { query: { channel: 'WEB' } })).status).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/__mock/faults' })).json().faults.latencyMs).toBe(5);
  });

  test('POST /__mock/reset empties the state and restores the start faults; GET /__mock/health reports', async () => {
    const app = await mockApp({ admin: true, faults: { latencyMs: 1 } });
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await app.inject({ method: 'POST', url: '/__mock/faults', payload: { rateLimit: 100 } });
    const before = (await app.inject({ method: 'GET', url: '/__mock/health' })).json();
    expect(before).toMatchObject({ status: 'ok', users: 1, activeSessions: 1, faults: { rateLimit: 100, latencyMs: 1 } });
    expect(before.memory.rss).toBeGreaterThan(0);
    const r = await app.inject({ method: 'POST', url: '/__mock/reset' });
    expect(r.json()).toMatchObject({ reset: true, faults: { rateLimit: 0, latencyMs: 1 } });
    expect((await app.inject({ method: 'GET', url: '/__mock/health' })).json()).toMatchObject({ users: 0, tokens: 0 });
    expect((await call(app, 'poll', { headers: c.headers })).status).toBe(401);
  });
});

/** A handler that answers what the spec does not document (the types forbid it; these tests mean it). */
const offSpec = (answer: { status: number; body: unknown }) => (() => answer) as unknown as Handler<'checkClickToCallSupport'>;

test.describe('response validation', () => {
  test('a response that violates the spec fails loudly: 500 naming the operation and the errors', async () => {
    const lines: string[] = [];
    const app = await mockApp({ logLevel: 'error', logStream: { write: (l) => lines.push(l) }, extensions: { handlers: { checkClickToCallSupport: offSpec({ status: 200, body: { resultCode: 0, webRTCSupported: 'yes' } }) } } });
    const c = await customer(app, 'u1');
    const r = await call(app, 'checkClickToCallSupport', { headers: c.headers, query: { channel: 'WEB' } });
    expect(r.status).toBe(500);
    expect(r.body.operationId).toBe('checkClickToCallSupport');
    expect(r.body.exceptionInfo).toMatch(/checkClickToCallSupport/);
    expect(r.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/resultCode', '/webRTCSupported']);
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged).toEqual([expect.objectContaining({ level: 50, operationId: 'checkClickToCallSupport', msg: 'mock response violates the spec' })]);
  });

  test('an undocumented status fails too; MOCK_VALIDATE_RESPONSES=0 lets both through', async () => {
    const handlers = { checkClickToCallSupport: offSpec({ status: 418, body: { resultCode: '0' } }) };
    const strict = await mockApp({ extensions: { handlers } });
    const c = await customer(strict, 'u1');
    expect((await call(strict, 'checkClickToCallSupport', { headers: c.headers, query: { channel: 'WEB' } })).status).toBe(500);
    const loose = await mockApp({ extensions: { handlers }, env: { MOCK_VALIDATE_RESPONSES: '0' } });
    const d = await customer(loose, 'u1');
    expect((await call(loose, 'checkClickToCallSupport', { headers: d.headers, query: { channel: 'WEB' } })).status).toBe(418);
  });
});
