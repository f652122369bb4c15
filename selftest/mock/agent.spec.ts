// The CC-Gateway side: sign-in (Guid in Set-GUID), sendmessage to the customer of a call, sign-out; every outcome
// HTTP 200 with a retcode.
import { expect, test } from '@playwright/test';
import { agentMessage, agentPath, call, creds, customer, inCall, mockApp, poll, send, type App } from './helpers.js';

async function signIn(app: App, body: Record<string, unknown> = {}, agentid = creds(app).agentId) {
  const { agentPassword, agentPhone } = creds(app);
  return call(app, 'agentSignIn', { params: { agentid }, body: { password: agentPassword, phonenum: agentPhone, status: '5', releasephone: false, agenttype: '4', autoenteridle: true, ...body } });
}

const guidOf = (setGuid: unknown): string => {
  const m = /^JSESSIONID=(.+)$/.exec(String(setGuid));
  if (!m) throw new Error(`Set-GUID is "${String(setGuid)}"`);
  return m[1];
};

test.describe('agent sign-in and sign-out', () => {
  test('sign-in answers retcode "0" and a Guid in Set-GUID; sign-out ends that Guid', async () => {
    const app = await mockApp();
    const r = await signIn(app);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ retcode: '0', message: 'success', result: {} });
    const guid = guidOf(r.headers['set-guid']);
    expect(guid.length).toBeGreaterThanOrEqual(24);

    expect((await signIn(app)).body.retcode).toBe('100-002');

    const out = await call(app, 'agentSignOut', { params: agentPath(app), headers: { Guid: guid } });
    expect(out.body).toEqual({ retcode: '0', message: 'success' });
    // The Guid has ended.
    expect((await call(app, 'agentSignOut', { params: agentPath(app), headers: { Guid: guid } })).body.retcode).toBe('000-003');
    // Signed out: a sign-out with the pre-set Guid finds nobody signed in.
    expect((await call(app, 'agentSignOut', { params: agentPath(app), headers: { Guid: creds(app).agentGuid } })).body.retcode).toBe('100-006');
    // And a new sign-in works.
    expect((await signIn(app)).body.retcode).toBe('0');
  });

  test('a wrong password or agent → "100-004"; agentid outside 101–59999 → "000-002"; the phone is not checked', async () => {
    const app = await mockApp();
    expect((await signIn(app, { password: 'wrong' })).body.retcode).toBe('100-004');
    expect((await signIn(app, {}, '102')).body.retcode).toBe('100-004');
    for (const agentid of ['100', '60000', '1000000', 'abc']) {
      const r = await signIn(app, {}, agentid);
      expect(r.status, agentid).toBe(200);
      expect(r.body.retcode, agentid).toBe('000-002');
    }
    // The configured phone is a suite setting, not a rule: the agent signs in from its own phone.
    expect((await signIn(app, { phonenum: '1' })).body.retcode).toBe('0');
  });

  test('MOCK_STRICT_REQUESTS: only the configured phone signs in ("100-004" otherwise)', async () => {
    const app = await mockApp({ strictRequests: true });
    expect((await signIn(app, { phonenum: '1' })).body.retcode).toBe('100-004');
    expect((await signIn(app)).body.retcode).toBe('0');
  });

  test('a malformed sign-in body → "000-002" (the gateway answers 200 with a retcode); an unknown field is ignored with a note', async () => {
    const app = await mockApp();
    expect((await signIn(app, { status: '6' })).body.retcode).toBe('000-002');
    const raw = await call(app, 'agentSignIn', { params: agentPath(app), rawBody: '{"password":' });
    expect(raw.status).toBe(200);
    expect(raw.body.retcode).toBe('000-002');
    const extra = await signIn(app, { extra: 1 });
    expect(extra.body.retcode).toBe('0');
    expect(extra.headers['x-mock-note']).toBe('ignored unknown field "extra"');
    const strict = await mockApp({ strictRequests: true });
    const refused = await signIn(strict, { extra: 1 });
    expect(refused.body.retcode).toBe('000-002');
    expect(refused.body.message).toContain('/body/extra');
  });

  test('sign-out with a body (the operation takes none): the body is ignored with a note; strict requests refuse it', async () => {
    const app = await mockApp();
    const guid = guidOf((await signIn(app)).headers['set-guid']);
    const out = await call(app, 'agentSignOut', { params: agentPath(app), headers: { Guid: guid }, body: {} });
    expect(out.body).toEqual({ retcode: '0', message: 'success' });
    expect(out.headers['x-mock-note']).toBe('ignored the request body (agentSignOut takes none)');
    const strict = await mockApp({ strictRequests: true });
    const strictGuid = guidOf((await signIn(strict)).headers['set-guid']);
    const refused = await call(strict, 'agentSignOut', { params: agentPath(strict), headers: { Guid: strictGuid }, body: {} });
    expect(refused.body.retcode).toBe('000-002');
    expect(refused.body.message).toMatch(/documents no request body/);
  });

  test('a method the CC-Gateway does not serve on one of its paths → 200 with retcode "000-002" (bad URL), not 404', async () => {
    const app = await mockApp();
    const { agentid } = agentPath(app);
    for (const [method, path] of [['GET', `/agentgateway/resource/mediacall/${agentid}/sendmessage`], ['POST', `/agentgateway/resource/onlineagent/${agentid}`], ['GET', `/agentgateway/resource/onlineagent/${agentid}/logout`]] as const) {
      const r = await app.inject({ method, url: path });
      expect(r.statusCode, `${method} ${path}`).toBe(200);
      expect(r.json(), `${method} ${path}`).toMatchObject({ retcode: '000-002', message: expect.stringMatching(/^bad URL/) });
    }
    expect((await app.inject({ method: 'GET', url: '/agentgateway/resource/nothing' })).statusCode, 'not a gateway path').toBe(404);
  });

  test('sign-out without a Guid or with a wrong one → "000-003"', async () => {
    const app = await mockApp();
    expect((await call(app, 'agentSignOut', { params: agentPath(app) })).body.retcode).toBe('000-003');
    expect((await call(app, 'agentSignOut', { params: agentPath(app), headers: { Guid: 'forged' } })).body.retcode).toBe('000-003');
  });
});

test.describe('sendmessage', () => {
  test('delivers the content of a JSON data string exactly, as an AGENT message of the call', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const callid = await inCall(app, c);
    const guid = guidOf((await signIn(app)).headers['set-guid']);
    const text = '<p>Message sent by the agent</p> — ünïcödé ✓';
    const r = await call(app, 'sendMessage', { params: agentPath(app), headers: { Guid: guid }, body: { callid, userid: '88880043', data: agentMessage(app, c, text), content: 'ignored' } });
    expect(r.body).toEqual({ retcode: '0', message: 'success' });
    const [m] = await poll(app, c);
    expect(m).toMatchObject({ sourceType: 'AGENT', content: text, mediaType: 'TEXT', callId: callid, to: 'u1', senderNickname: 'Agent' });
  });

  test('plain-text data is delivered as TEXT; the object form and other media types keep their fields', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const callid = await inCall(app, c);
    const Guid = creds(app).agentGuid; // pre-set: valid without sign-in
    const send1 = await call(app, 'sendMessage', { params: agentPath(app), headers: { Guid }, body: { callid, data: 'plain words' } });
    expect(send1.body.retcode).toBe('0');
    const notAMessage = JSON.stringify({ no: 'content' });
    await call(app, 'sendMessage', { params: agentPath(app), headers: { Guid }, body: { callid, data: notAMessage } });
    await call(app, 'sendMessage', { params: agentPath(app), headers: { Guid }, body: { callid, data: JSON.parse(agentMessage(app, c, 'obj', { mediaType: 'IMAGE', mediaFileType: 'png' })) } });
    const [plain, raw, image] = await poll(app, c);
    expect(plain).toMatchObject({ content: 'plain words', mediaType: 'TEXT', sourceType: 'AGENT' });
    expect(raw.content).toBe(notAMessage);
    expect(image).toMatchObject({ content: 'obj', mediaType: 'IMAGE', mediaFileType: 'png' });
  });

  test('an unknown callid, an ended call or another customer in data.to → "000-006"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const callid = await inCall(app, c);
    const Guid = creds(app).agentGuid;
    const sm = (body: Record<string, unknown>) => call(app, 'sendMessage', { params: agentPath(app), headers: { Guid }, body });
    expect((await sm({ callid: 'no-such-call', data: 'x' })).body.retcode).toBe('000-006');
    expect((await sm({ callid, data: agentMessage(app, c, 'x', { to: 'someone-else' }) })).body.retcode).toBe('000-006');
    expect((await sm({ callid, data: agentMessage(app, c, 'y'.repeat(501)) })).body.retcode).toBe('000-006');
    await send(app, c, 'DISCONNECT');
    expect((await sm({ callid, data: 'x' })).body.retcode).toBe('000-006');
    expect((await poll(app, c)).filter((m) => m.sourceType === 'AGENT')).toEqual([]);
  });

  test('a missing, wrong or ended Guid → "000-003"; another agent\'s path → "000-003"; bad agentid → "000-002"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const callid = await inCall(app, c);
    const body = { callid, data: 'x' };
    expect((await call(app, 'sendMessage', { params: agentPath(app), body })).body.retcode).toBe('000-003');
    expect((await call(app, 'sendMessage', { params: agentPath(app), headers: { Guid: 'forged' }, body })).body.retcode).toBe('000-003');
    expect((await call(app, 'sendMessage', { params: { agentid: '2002' }, headers: { Guid: creds(app).agentGuid }, body })).body.retcode).toBe('000-003');
    expect((await call(app, 'sendMessage', { params: { agentid: '99' }, headers: { Guid: creds(app).agentGuid }, body })).body.retcode).toBe('000-002');
    const guid = guidOf((await signIn(app)).headers['set-guid']);
    await call(app, 'agentSignOut', { params: agentPath(app), headers: { Guid: guid } });
    expect((await call(app, 'sendMessage', { params: agentPath(app), headers: { Guid: guid }, body })).body.retcode).toBe('000-003');
    expect(await poll(app, c)).toEqual([]);
  });

  test('a malformed sendmessage body → "000-006"', async () => {
    const app = await mockApp();
    const Guid = creds(app).agentGuid;
    for (const body of [{ data: 'x' }, { callid: 'c', data: 'x', extra: true }, { callid: '', data: 'x' }, { callid: 'c', data: 'x'.repeat(3892) }]) {
      const r = await call(app, 'sendMessage', { params: agentPath(app), headers: { Guid }, body });
      expect(r.status).toBe(200);
      expect(r.body.retcode, JSON.stringify(body).slice(0, 60)).toBe('000-006');
    }
  });
});
