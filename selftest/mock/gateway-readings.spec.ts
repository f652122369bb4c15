// The readings of a real tenant's network the mock takes on request: the API Fabric gateway throttling per app key
// (MOCK_THROTTLE_RPS), rotating ccmessaging-tokens (MOCK_TOKEN_ROTATE_EVERY / _GRACE_S), compressed answers
// (MOCK_COMPRESS) and closed connections (MOCK_CONNECTION_CLOSE). Each switch on its own, against the app in-process.
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { FLOW_CONTROL_CODE } from '../../mock/behaviour/flow-control.js';
import { accepts } from '../../mock/http/http-encoding.js';
import { parseOptions } from '../../mock/behaviour/options.js';
import { call, creds, customer, manualClock, mockApp } from './helpers.js';

const events = (app: Awaited<ReturnType<typeof mockApp>>, headers: Record<string, string>) => call(app, 'getClickToCallEvents', { headers, query: { channel: 'WEB' } });

test.describe('the gateway throttles (MOCK_THROTTLE_RPS)', () => {
  test('above N requests per second per app key: HTTP 429, errorCode APIGW.0308, Retry-After in seconds; the next second is free', async () => {
    const clock = manualClock(Date.UTC(2025, 0, 1, 0, 0, 0, 400));
    const app = await mockApp({ now: clock.now, faults: { throttleRps: 3 } });
    const c = await customer(app, 'u1');
    clock.advance(1000);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await events(app, c.headers));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers[3].body).toEqual({ errorCode: 'APIGW.0308', exceptionInfo: expect.stringMatching(/throttling threshold/) });
    expect(answers[3].headers['retry-after']).toBe('1');
    clock.advance(1000);
    expect((await events(app, c.headers)).status).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/__mock/health' })).statusCode).toBe(404); // no admin: nothing else exposed
  });

  test('feedbacksatisfaction, which documents flow control, answers 200 with resultCode 10010000002 instead', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now });
    const c = await customer(app, 'u1');
    app.mock.options.faults.throttleRps = 1;
    clock.advance(1000);
    const rate = () => call(app, 'feedbackSatisfaction', { headers: c.headers, body: { feedback: 1, from: 'u1', interIdx: '1' } });
    expect((await rate()).body.resultCode).not.toBe(FLOW_CONTROL_CODE);
    const limited = await rate();
    expect(limited.status).toBe(200);
    expect(limited.body.resultCode).toBe(FLOW_CONTROL_CODE);
  });

  test('Retry-After as an HTTP date (MOCK_THROTTLE_RETRY_AFTER=date) or left out (none)', async () => {
    for (const [form, check] of [['date', (v: unknown) => expect(Date.parse(String(v))).toBeGreaterThan(Date.UTC(2025, 0, 1))], ['none', (v: unknown) => expect(v).toBeUndefined()]] as const) {
      const clock = manualClock();
      const app = await mockApp({ now: clock.now, throttleRetryAfter: form });
      const c = await customer(app, 'u1');
      app.mock.options.faults.throttleRps = 1;
      clock.advance(1000);
      await events(app, c.headers);
      const r = await events(app, c.headers);
      expect(r.status).toBe(429);
      check(r.headers['retry-after']);
    }
  });

  test('the budget is per app key: another app key, or none, is counted apart; the CC-Gateway is not behind it', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now });
    const c = await customer(app, 'u1');
    app.mock.options.faults.throttleRps = 1;
    clock.advance(1000);
    expect((await events(app, c.headers)).status).toBe(200);
    expect((await events(app, c.headers)).status).toBe(429);
    const withoutKey = await call(app, 'queryQueueInfo', { body: { userId: 'u1', channelConfigId: creds(app).channelConfigId, channel: 'WEB' } });
    expect(withoutKey.status).not.toBe(429);
    for (let i = 0; i < 3; i++) expect((await call(app, 'agentSignOut', { params: { agentid: '1001' } })).status).toBe(200);
  });
});

test.describe('ccmessaging-tokens rotate (MOCK_TOKEN_ROTATE_EVERY, MOCK_TOKEN_ROTATE_GRACE_S)', () => {
  test('every 4th request hands out a fresh token in the response header; the old one is refused 5 s later, the fresh one works', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now, faults: { tokenRotateEvery: 4, tokenRotateGraceS: 5 } });
    const c = await customer(app, 'u1');
    const fresh: Array<unknown> = [];
    for (let i = 0; i < 4; i++) fresh.push((await events(app, c.headers)).headers['ccmessaging-token']);
    expect(fresh.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(typeof fresh[3]).toBe('string');
    expect(fresh[3]).not.toBe(c.token);
    clock.advance(4_000);
    expect((await events(app, c.headers)).status, 'the old token still works within the grace period').toBe(200);
    clock.advance(1_001);
    expect((await events(app, c.headers)).status, 'the old token is refused after it').toBe(401);
    const next = { ...c.headers, 'ccmessaging-token': String(fresh[3]) };
    const r = await call(app, 'poll', { headers: next, query: { receiverId: 'u1', channel: 'WEB' } });
    expect(r.status, 'the fresh token is the same customer\'s').toBe(200);
  });
});

test.describe('HTTP as real servers speak it (MOCK_COMPRESS, MOCK_CONNECTION_CLOSE)', () => {
  for (const encoding of ['gzip', 'deflate', 'br'] as const) {
    test(`MOCK_COMPRESS=${encoding}: the answer is ${encoding}-encoded when the request accepts it, plain when it does not`, async () => {
      const app = await mockApp({ compress: encoding });
      const c = await customer(app, 'u1');
      const res = await app.inject({ method: 'GET', url: '/apiaccess/ccmessaging/v1/getClickToCallEvents?channel=WEB', headers: { ...c.headers, 'accept-encoding': 'gzip, deflate, br' } });
      expect(res.headers['content-encoding']).toBe(encoding);
      const decode = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync }[encoding];
      expect(JSON.parse(decode(res.rawPayload).toString('utf8'))).toMatchObject({ resultCode: '0' });
      const plain = await app.inject({ method: 'GET', url: '/apiaccess/ccmessaging/v1/getClickToCallEvents?channel=WEB', headers: { ...c.headers, 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(plain.body)).toMatchObject({ resultCode: '0' });
    });
  }

  test('Accept-Encoding is read as a server reads it: q=0 refuses, * accepts', () => {
    expect(accepts('gzip, br', 'br')).toBe(true);
    expect(accepts('gzip;q=0, br', 'gzip')).toBe(false);
    expect(accepts('*', 'deflate')).toBe(true);
    expect(accepts(undefined, 'gzip')).toBe(false);
  });

  test('MOCK_CONNECTION_CLOSE=1: every answer says Connection: close', async () => {
    const app = await mockApp({ connectionClose: true });
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.headers.connection).toBe('close');
  });

  test('the settings parse from the environment and refuse what they do not know', () => {
    const o = parseOptions({ MOCK_THROTTLE_RPS: '20', MOCK_TOKEN_ROTATE_EVERY: '4', MOCK_TOKEN_ROTATE_GRACE_S: '5', MOCK_COMPRESS: 'gzip', MOCK_CONNECTION_CLOSE: '1', MOCK_THROTTLE_RETRY_AFTER: 'date' });
    expect(o.faults).toMatchObject({ throttleRps: 20, tokenRotateEvery: 4, tokenRotateGraceS: 5 });
    expect(o).toMatchObject({ compress: 'gzip', connectionClose: true, throttleRetryAfter: 'date' });
    expect(() => parseOptions({ MOCK_COMPRESS: 'zstd' })).toThrow(/MOCK_COMPRESS.*zstd.*gzip/);
  });
});
