// tokenByAkSk and applyToken: issuing, rejecting, expiry, and reproducibility under a seed.
import { expect, test } from '@playwright/test';
import { call, creds, customer, fabricHeaders, manualClock, mockApp, send, sendBody } from './helpers.js';

test.describe('tokenByAkSk', () => {
  test('issues a Bearer token with every value a string, Expires 600 by default', async () => {
    const app = await mockApp();
    const { appKey, appSecret } = creds(app);
    const r = await call(app, 'tokenByAkSk', { body: { app_key: appKey, app_secret: appSecret } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ApplyType: 'Bearer', Expires: '600', AppKey: appKey, UserID: 'Anonymous' });
    for (const v of Object.values(r.body)) expect(typeof v).toBe('string');
    expect(r.body.AccessToken.length).toBeGreaterThanOrEqual(32);
    expect(r.body.CreateTime).toMatch(/^[0-9]+$/);
  });

  test('honours X-Token-Expire up to 3600 and refuses more with 400', async () => {
    const app = await mockApp();
    const { appKey, appSecret } = creds(app);
    const body = { app_key: appKey, app_secret: appSecret };
    expect((await call(app, 'tokenByAkSk', { body, headers: { 'X-Token-Expire': '3600' } })).body.Expires).toBe('3600');
    for (const bad of ['3601', '0', 'abc', '1.5']) {
      const r = await call(app, 'tokenByAkSk', { body, headers: { 'X-Token-Expire': bad } });
      expect(r.status, `X-Token-Expire: ${bad}`).toBe(400);
      expect(r.body.errorCode).toEqual(expect.any(String));
    }
  });

  test('wrong app_key or app_secret → 401 with errorCode and exceptionInfo', async () => {
    const app = await mockApp();
    const { appKey, appSecret } = creds(app);
    for (const body of [{ app_key: appKey, app_secret: 'nope' }, { app_key: 'nope', app_secret: appSecret }]) {
      const r = await call(app, 'tokenByAkSk', { body });
      expect(r.status).toBe(401);
      expect(Object.keys(r.body).sort()).toEqual(['errorCode', 'exceptionInfo']);
    }
  });

  test('the token expires after X-Token-Expire seconds', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now });
    const headers = await fabricHeaders(app, 60);
    const apply = () => call(app, 'applyToken', { headers, body: { userId: 'u1', userName: 'u1', channelId: creds(app).channelConfigId, locale: 'en_US' } });
    clock.advance(59_000);
    expect((await apply()).status).toBe(200);
    clock.advance(1_000);
    const r = await apply();
    expect(r.status).toBe(401);
    expect(r.body.exceptionInfo).toMatch(/expired/);
  });

  test('the same seed issues the same tokens; another seed other tokens', async () => {
    const tokens = async (seed: string) => {
      const app = await mockApp({ seed });
      return [(await fabricHeaders(app)).authorization, (await customer(app, 'u1')).token];
    };
    const a = await tokens('seed-a');
    expect(await tokens('seed-a')).toEqual(a);
    const b = await tokens('seed-b');
    expect(b[0]).not.toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
  });
});

test.describe('applyToken', () => {
  test('issues an unguessable ccmessaging-token per request, bound to the user', async () => {
    const app = await mockApp();
    const a = await customer(app, 'alice');
    const a2 = await customer(app, 'alice');
    expect(a.token).not.toBe(a2.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // The token acts as alice only.
    expect((await send(app, a, 'CONNECT')).body.resultCode).toBe('0');
    const asBob = await call(app, 'send', { headers: a.headers, body: { ...sendBody(app, a, 'DISCONNECT'), from: 'bob' } });
    expect(asBob.body.resultCode, 'alice\'s session ended, whatever `from` says').toBe('0');
    expect((await send(app, a, 'DISCONNECT')).body.resultCode, 'nothing left to end').toBe('1');
  });

  test('an unknown channelId answers result code "1"', async () => {
    const app = await mockApp();
    const r = await call(app, 'applyToken', { headers: await fabricHeaders(app), body: { userId: 'u', userName: 'u', channelId: 'other', locale: 'en_US' } });
    expect(r.status).toBe(200);
    expect(r.body.resultCode).toBe('1');
    expect(r.body.token).toBeUndefined();
  });

  test('needs x-app-key and a live Bearer token', async () => {
    const app = await mockApp();
    const fabric = await fabricHeaders(app);
    const body = { userId: 'u', userName: 'u', channelId: creds(app).channelConfigId, locale: 'en_US' };
    expect((await call(app, 'applyToken', { headers: { authorization: fabric.authorization }, body })).status).toBe(401);
    expect((await call(app, 'applyToken', { headers: { 'x-app-key': fabric['x-app-key'] }, body })).status).toBe(401);
    expect((await call(app, 'applyToken', { headers: { ...fabric, authorization: 'Bearer forged' }, body })).status).toBe(401);
    expect((await call(app, 'applyToken', { headers: { ...fabric, authorization: fabric.authorization.replace('Bearer ', 'Basic ') }, body })).status).toBe(401);
    expect((await call(app, 'applyToken', { headers: { ...fabric, 'x-app-key': 'other-app' }, body })).status).toBe(401);
    expect((await call(app, 'applyToken', { headers: fabric, body })).status).toBe(200);
  });

  test('the ccmessaging-token expires after about an hour', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now });
    const c = await customer(app, 'u1');
    clock.advance(3_599_000);
    // A fresh AccessToken, so only the client token's age matters.
    const headers = { ...(await fabricHeaders(app)), 'ccmessaging-token': c.token };
    expect((await call(app, 'poll', { headers })).status).toBe(200);
    clock.advance(1_000);
    expect((await call(app, 'poll', { headers })).status).toBe(401);
  });
});
