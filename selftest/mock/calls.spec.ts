// doLeaveMessage and createMobileAgentCall (recorded; nothing is dialled).
import { expect, test } from '@playwright/test';
import { call, customer, fabricHeaders, mockApp } from './helpers.js';

test.describe('doLeaveMessage', () => {
  test('stores the message and answers "0"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const body = { callId: 'u1', caller: '13866667777', leaveMessage: 'Please call me', channel: 'WEB' };
    expect((await call(app, 'doLeaveMessage', { headers: c.headers, body })).body).toEqual({ resultCode: '0', resultDesc: 'Save leaveMessage success!' });
    expect(app.mock.store.records.leaveMessage).toEqual([expect.objectContaining(body)]);
  });

  test('a parameter error → "3" (unknown channel, empty message); a missing field → 400', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const body = { callId: 'u1', caller: '13866667777', leaveMessage: 'Please call me', channel: 'WEB' };
    expect((await call(app, 'doLeaveMessage', { headers: c.headers, body: { ...body, channel: 'FAX' } })).body.resultCode).toBe('3');
    expect((await call(app, 'doLeaveMessage', { headers: c.headers, body: { ...body, leaveMessage: '  ' } })).body.resultCode).toBe('3');
    const { caller: _omit, ...missing } = body;
    expect((await call(app, 'doLeaveMessage', { headers: c.headers, body: missing })).status).toBe(400);
    expect(app.mock.store.records.leaveMessage).toHaveLength(0);
  });
});

test.describe('createMobileAgentCall', () => {
  test('answers Success with a call serial number, a SIP address "ip:port" and an access code; needs no ccmessaging-token', async () => {
    const app = await mockApp();
    const headers = await fabricHeaders(app);
    const r = await call(app, 'createMobileAgentCall', { headers, body: { called: '88884432', callData: '1', callerPresent: '95599' } });
    expect(r.body.resultCode).toBe('0');
    expect(r.body.resultDesc).toBe('Success');
    expect(r.body.resultData.sipServiceAddress).toMatch(/^[0-9.]+:[0-9]+$/);
    expect(r.body.resultData.accesscode).toMatch(/^[0-9]+$/);
    expect(r.body.resultData.callSerialNo.length).toBeLessThanOrEqual(50);
  });

  test('called or callerPresent over 32 characters, callData over 1024, or not a number → "30010000003"', async () => {
    const app = await mockApp();
    const headers = await fabricHeaders(app);
    const ok = { called: '88884432', callData: '1', callerPresent: '95599' };
    for (const extra of [{ called: '1'.repeat(33) }, { callerPresent: '1'.repeat(33) }, { callData: 'x'.repeat(1025) }, { called: '' }, { called: 'call-me' }]) {
      const r = await call(app, 'createMobileAgentCall', { headers, body: { ...ok, ...extra } });
      expect(r.status).toBe(200);
      expect(r.body.resultCode, JSON.stringify(extra).slice(0, 40)).toBe('30010000003');
    }
    expect((await call(app, 'createMobileAgentCall', { headers, body: { ...ok, called: '1'.repeat(32), callData: 'x'.repeat(1024) } })).body.resultCode).toBe('0');
  });

  test('without x-app-key or the Bearer token → 401', async () => {
    const app = await mockApp();
    const headers = await fabricHeaders(app);
    const body = { called: '88884432', callerPresent: '95599' };
    expect((await call(app, 'createMobileAgentCall', { headers: { authorization: headers.authorization }, body })).status).toBe(401);
    expect((await call(app, 'createMobileAgentCall', { headers: { 'x-app-key': headers['x-app-key'] }, body })).status).toBe(401);
  });
});
