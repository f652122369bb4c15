// Click-to-dial: support, create, one event per poll, drop.
import { expect, test } from '@playwright/test';
import { call, customer, mockApp, type App, type Customer } from './helpers.js';

const events = (app: App, c: Customer) => call(app, 'getClickToCallEvents', { headers: c.headers, query: { channel: 'WEB' } });
const create = (app: App, headers: Record<string, string>, mediaAbility = '0') => call(app, 'createClickToCall', { headers, body: { channel: 'WEB', mediaAbility } });
const drop = (app: App, c: Customer) => call(app, 'dropClickToCall', { headers: c.headers, body: { channel: 'WEB' } });

test.describe('click-to-call', () => {
  test('checkClickToCallSupport says both are supported', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const r = await call(app, 'checkClickToCallSupport', { headers: c.headers, query: { channel: 'WEB' } });
    expect(r.body).toEqual({ resultCode: '0', resultDesc: '', webRTCSupported: true, clickToCallSupported: true });
    expect((await call(app, 'checkClickToCallSupport', { headers: c.headers })).status).toBe(400);
    expect((await call(app, 'checkClickToCallSupport', { headers: c.headers, query: { channel: 'PIGEON' } })).status).toBe(400);
  });

  test('events, one per poll: in queue → connected (with call data) → none → after drop disconnected → none', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    expect((await events(app, c)).body).toEqual({ resultCode: '0', resultDesc: 'ClickToCall polled without any events' });
    expect((await create(app, c.headers, '1')).body).toEqual({ resultCode: '0', resultDesc: null });
    const queued = (await events(app, c)).body;
    expect(queued).toMatchObject({ resultCode: '0', resultDesc: 'Call in queue' });
    const connected = (await events(app, c)).body;
    expect(connected).toMatchObject({ resultCode: '0', resultDesc: 'Call connected' });
    expect(connected.eventId).toBeGreaterThan(queued.eventId);
    expect(connected.content).toEqual({ domain: expect.any(String), gwAddresses: [expect.any(String)], accessCode: expect.stringMatching(/^[0-9]+$/), clickToCallCaller: 'AnonymousCard' });
    expect((await events(app, c)).body.resultDesc).toBe('ClickToCall polled without any events');
    expect((await drop(app, c)).body).toEqual({ resultCode: '0', resultDesc: '' });
    expect((await events(app, c)).body.resultDesc).toBe('Call disconnected');
    expect((await events(app, c)).body.resultDesc).toBe('ClickToCall polled without any events');
  });

  test('createClickToCall: no ccmessaging-token → a non-"0" code; a wrong one → 401; a second call → non-"0"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const none = await create(app, {});
    expect(none.status).toBe(200);
    expect(none.body.resultCode).not.toBe('0');
    expect((await create(app, { 'ccmessaging-token': 'forged' })).status).toBe(401);
    expect((await create(app, { ...c.headers, authorization: 'Bearer forged' })).status).toBe(401);
    expect((await create(app, c.headers, '2')).status).toBe(400);
    expect((await create(app, c.headers)).body.resultCode).toBe('0');
    expect((await create(app, c.headers)).body.resultCode).not.toBe('0');
  });

  test('dropClickToCall without a call → a non-"0" code', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    expect((await drop(app, c)).body.resultCode).not.toBe('0');
    await create(app, c.headers);
    await drop(app, c);
    expect((await drop(app, c)).body.resultCode).not.toBe('0');
  });
});
