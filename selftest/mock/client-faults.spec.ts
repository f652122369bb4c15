// Faults per client: a request naming its client in X-Mock-Client meets that client's faults over the process-wide
// ones; every other client of the same mock is served as before.
import { expect, test } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { CLIENT_HEADER } from '../../mock/behaviour/faults.js';
import { FLOW_CONTROL_CODE } from '../../mock/behaviour/flow-control.js';
import { call, creds, customer, manualClock, mockApp, type App } from './helpers.js';

const setFaults = (app: App, payload: object) => app.inject({ method: 'POST', url: '/__mock/faults', payload });
const as = (client: string, headers: Record<string, string> = {}) => ({ ...headers, [CLIENT_HEADER]: client });
const support = (app: App, headers: Record<string, string>) => call(app, 'checkClickToCallSupport', { headers, query: { channel: 'WEB' } });

test.describe('faults per client', () => {
  test('two clients, one with a 503 fault: the other, and a request without a client, are unaffected', async () => {
    const app = await mockApp({ admin: true });
    const r = await setFaults(app, { client: 'alice', fault503Rate: 1 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ client: 'alice', faults: { fault503Rate: 1, latencyMs: 0 } });
    const alice = await support(app, as('alice'));
    expect(alice.status).toBe(503);
    expect(alice.headers['retry-after']).toBe('1');
    expect((await support(app, as('bob'))).status).toBe(401); // the normal answer: no credentials
    expect((await support(app, {})).status).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/__mock/faults' })).json()).toMatchObject({ faults: { fault503Rate: 0 }, clients: { alice: { fault503Rate: 1 } } });
  });

  test('a client\'s settings lie over the process-wide ones, which every other client keeps', async () => {
    const app = await mockApp({ admin: true, faults: { fault503Rate: 1 } });
    await setFaults(app, { client: 'exempt', fault503Rate: 0 });
    expect((await support(app, as('exempt'))).status).toBe(401);
    expect((await support(app, as('someone'))).status).toBe(503);
    expect((await support(app, {})).status).toBe(503);
    await setFaults(app, { fault503Rate: 0, latencyMs: 1 }); // process-wide: the client's own setting stays
    expect((await app.inject({ method: 'GET', url: '/__mock/faults' })).json().clients.exempt).toMatchObject({ fault503Rate: 0, latencyMs: 1 });
  });

  test('flow control and the rate limit count per client', async () => {
    const clock = manualClock();
    const app = await mockApp({ admin: true, now: clock.now });
    const a = await customer(app, 'a');
    await setFaults(app, { client: 'flooded', flowControlRate: 1 });
    await setFaults(app, { client: 'limited', rateLimit: 1 });
    const events = (client: string) => call(app, 'getClickToCallEvents', { headers: as(client, a.headers), query: { channel: 'WEB' } }).then((r) => r.body.resultCode);
    expect(await events('flooded')).toBe(FLOW_CONTROL_CODE);
    expect(await events('calm')).toBe('0');
    clock.advance(1000);
    expect([await events('limited'), await events('limited')]).toEqual(['0', FLOW_CONTROL_CODE]);
    expect([await events('calm'), await events('calm'), await events('calm')]).toEqual(['0', '0', '0']);
  });

  test('the token-TTL cap applies to the tokens issued to that client', async () => {
    const clock = manualClock();
    const app = await mockApp({ admin: true, now: clock.now });
    await setFaults(app, { client: 'short', tokenTtlS: 2 });
    const { appKey, appSecret } = creds(app);
    const token = async (client: string) => {
      const r = await call(app, 'tokenByAkSk', { headers: as(client), body: { app_key: appKey, app_secret: appSecret } });
      expect(r.body.Expires, 'the nominal lifetime is announced either way').toBe('600');
      return { 'x-app-key': appKey, authorization: `Bearer ${r.body.AccessToken}` };
    };
    const [short, normal] = [await token('short'), await token('normal')];
    clock.advance(2_000);
    const createCall = (headers: Record<string, string>) => call(app, 'createMobileAgentCall', { headers, body: { called: '0123456789', callerPresent: '95599' } }).then((r) => r.status);
    expect(await createCall(short)).toBe(401);
    expect(await createCall(normal)).toBe(200);
  });

  test('a dropped connection for one client, an answer for the other (real socket)', async () => {
    const app = await mockApp({ admin: true });
    await setFaults(app, { client: 'dropped', dropRate: 1 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/apiaccess/ccmessaging/v1/checkClickToCallSupport?channel=WEB`;
      const err = await fetch(url, { headers: as('dropped') }).then(() => undefined, (e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((await fetch(url, { headers: as('other') })).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  test('POST /__mock/reset forgets every client\'s faults; a bad client id is refused', async () => {
    const app = await mockApp({ admin: true });
    await setFaults(app, { client: 'alice', fault503Rate: 1 });
    for (const client of ['', 'x'.repeat(201), 'with space', 7]) {
      const r = await setFaults(app, { client, fault503Rate: 1 });
      expect(r.statusCode, JSON.stringify(client)).toBe(400);
      expect(r.json().exceptionInfo).toMatch(/client/);
    }
    expect((await setFaults(app, { client: 'bob', nope: 1 })).statusCode).toBe(400);
    await app.inject({ method: 'POST', url: '/__mock/reset' });
    expect((await app.inject({ method: 'GET', url: '/__mock/faults' })).json().clients).toEqual({});
    expect((await support(app, as('alice'))).status).toBe(401);
  });
});
