// The mock's named extension points (mock/behaviour/extensions.ts): each changes exactly what it names, and a set of them is a
// profile (a lenient tenant, a deliberately broken one) without a special case in any handler.
import { expect, test } from '@playwright/test';
import { SECURITY_HANDLERS } from '../../mock/http/auth.js';
import { ok } from '../../mock/http/errors.js';
import { EXTENSION_POINTS, layer } from '../../mock/behaviour/extensions.js';
import { DEFAULT_PROFILE } from '../../mock/behaviour/profiles/default.js';
import { LENIENT_PROFILE } from '../../mock/behaviour/profiles/lenient.js';
import { STRICT_REQUESTS } from '../../mock/behaviour/profiles/strict.js';
import { HANDLERS } from '../../mock/handlers/index.js';
import { DEFAULT_TOKEN_HOOKS } from '../../mock/behaviour/hooks.js';
import { agentPath, call, creds, customer, fabricHeaders, manualClock, mockApp, poll, send, sendBody } from './helpers.js';

test.describe('extension points', () => {
  test('handlers by operationId: one operation answers otherwise (here wrapping the correct handler), the others as documented', async () => {
    const app = await mockApp({ extensions: { handlers: {
      checkClickToCallSupport: async (ctx) => {
        const r = await HANDLERS.checkClickToCallSupport(ctx);
        return r.status === 200 ? ok({ ...r.body, clickToCallSupported: false }) : r;
      },
    } } });
    const c = await customer(app, 'u1');
    expect((await call(app, 'checkClickToCallSupport', { headers: c.headers, query: { channel: 'WEB' } })).body).toMatchObject({ webRTCSupported: true, clickToCallSupported: false });
    expect((await send(app, c, 'CONNECT')).body.resultCode).toBe('0');
  });

  test('security handlers by scheme: how one credential is checked; the other schemes keep the documented check', async () => {
    // An alias of the app key (the AccessToken and the ccmessaging-token still have to belong to the app).
    const app = await mockApp({ extensions: { securityHandlers: {
      appKey: (request) => (request.headers['x-app-key'] === 'alias-app' ? { value: request.tenant.options.credentials.appKey } : SECURITY_HANDLERS.appKey(request)),
    } } });
    const c = await customer(app, 'u1');
    const q = { receiverId: c.userId, channel: 'WEB' };
    expect((await call(app, 'poll', { headers: { ...c.headers, 'x-app-key': 'alias-app' }, query: q })).status).toBe(200);
    expect((await call(app, 'poll', { headers: { ...c.headers, 'x-app-key': 'other-app' }, query: q })).status).toBe(401);
    expect((await call(app, 'poll', { headers: { ...c.headers, 'ccmessaging-token': 'forged' }, query: q })).status).toBe(401);
  });

  test('request-problem hook: what a problem of the request check gets, on either host; undefined leaves it to the profile, then the documented answer', async () => {
    const seen: string[] = [];
    const app = await mockApp({ extensions: { onRequestProblem: (problem, { operationId, host }) => {
      seen.push(`${host} ${operationId} ${problem.errors.map((e) => e.keyword).join(',')}`);
      if (operationId === 'send') return 'pass';
      if (operationId === 'saveSatisfaction') return { status: 400, body: { errorCode: 'PROFILE.1', exceptionInfo: 'refused by the hook' } };
      return undefined;
    } } });
    const c = await customer(app, 'u1');
    expect((await call(app, 'send', { headers: c.headers, body: { ...sendBody(app, c, 'CONNECT'), extra: 1 } })).body).toEqual({ resultCode: '0', resultDesc: 'connect to robot success.' });
    expect((await call(app, 'saveSatisfaction', { headers: c.headers, body: { channel: 'WEB', userId: c.userId, evaluation: '9', comment: '', channelConfigId: creds(app).channelConfigId } })).body.errorCode).toBe('PROFILE.1');
    const { agentPassword, agentPhone } = creds(app);
    expect((await call(app, 'agentSignIn', { params: agentPath(app), body: { password: agentPassword, phonenum: agentPhone, status: '6' } })).body.retcode).toBe('000-002');
    // Left to the default profile, which lets a body the operation does not take go (with a note).
    const out = await call(app, 'agentSignOut', { params: agentPath(app), headers: { guid: creds(app).agentGuid }, body: {} });
    expect(out.headers['x-mock-note']).toBe('ignored the request body (agentSignOut takes none)');
    expect(seen).toEqual(['cec send additionalProperties', 'cec saveSatisfaction enum', 'gateway agentSignIn enum', 'gateway agentSignOut requestBody']);
  });

  test('post-response hook: rewrites an answer after the response check, which still guards everything else', async () => {
    const app = await mockApp({ extensions: { postResponse: (a) => (a.operationId === 'send' ? { ...a, body: { ...(a.body as object), resultDesc: 'rewritten' } } : undefined) } });
    const c = await customer(app, 'u1');
    expect((await send(app, c, 'CONNECT')).body).toEqual({ resultCode: '0', resultDesc: 'rewritten' });
    expect((await call(app, 'poll', { headers: c.headers })).body.resultDesc).toBe('query user messages success.');
  });

  test('extra methods: an operation also served under a method the spec does not give it', async () => {
    const app = await mockApp({ extensions: { extraMethods: { checkClickToCallSupport: ['POST'] } } });
    const plain = await mockApp();
    const url = '/apiaccess/ccmessaging/v1/checkClickToCallSupport?channel=WEB';
    expect((await app.inject({ method: 'POST', url })).statusCode, 'served: the credentials are checked').toBe(401);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await plain.inject({ method: 'POST', url })).statusCode).toBe(404);
  });

  test('delivery hooks: what a message to a customer becomes, and what a poll hands out', async () => {
    const app = await mockApp({ extensions: { delivery: {
      deliver: (_store, user, msg) => [[user, { ...msg, content: msg.content.toUpperCase() }]],
      take: (_user, pending) => pending.slice(0, 1),
    } } });
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await send(app, c, 'CHAT', 'opening hours');
    const [first, ...rest] = await poll(app, c);
    expect(first.content).toBe(first.content.toUpperCase());
    expect(rest).toEqual([]);
    expect(await poll(app, c)).toEqual([]); // the outbox is emptied either way
  });

  test('token hooks: announced lifetime, real lifetime and validity', async () => {
    const clock = manualClock();
    const app = await mockApp({ now: clock.now, extensions: { tokens: {
      expiresS: (requested) => Math.min(requested ?? 600, 300),
      lifetimeMs: () => 2_000,
      valid: (kind, token, now) => kind === 'client' || DEFAULT_TOKEN_HOOKS.valid(kind, token, now),
    } } });
    const { appKey, appSecret } = creds(app);
    const t = await call(app, 'tokenByAkSk', { headers: { 'X-Token-Expire': '900' }, body: { app_key: appKey, app_secret: appSecret } });
    expect(t.body.Expires).toBe('300');
    const c = await customer(app, 'u1');
    clock.advance(2_500);
    const q = { receiverId: c.userId, channel: 'WEB' };
    expect((await call(app, 'poll', { headers: c.headers, query: q })).status, 'the AccessToken lapsed after 2 s').toBe(401);
    expect((await call(app, 'poll', { headers: { ...c.headers, ...(await fabricHeaders(app)) }, query: q })).status, 'the ccmessaging-token still works').toBe(200);
  });

  test('a profile is a set of extension points, and lies under the caller\'s: the caller\'s hooks first, the profile\'s for what they leave', async () => {
    for (const profile of [DEFAULT_PROFILE, STRICT_REQUESTS, LENIENT_PROFILE]) {
      for (const point of Object.keys(profile)) expect(EXTENSION_POINTS).toContain(point);
    }
    const layered = layer(LENIENT_PROFILE, { tokens: { expiresS: () => 60 }, postResponse: (a) => ({ ...a, body: { ...(a.body as object), by: 'caller' } }) });
    expect(layered.tokens?.expiresS?.(7200), 'the caller\'s token hook replaces the profile\'s').toBe(60);
    const rewritten = layered.postResponse!({ operationId: 'send', status: 200, contentType: 'application/json', body: { resultCode: '0', resultDesc: 'x' } });
    expect(rewritten?.body, 'the profile rewrites first (resultDesc left out, a field added), then the caller').toEqual({ resultCode: '0', tenantTraceId: 'lenient-send', by: 'caller' });
    expect(layered.handlers?.poll, 'the profile\'s handler stays where the caller gives none').toBe(LENIENT_PROFILE.handlers?.poll);
  });
});
