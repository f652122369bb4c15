// saveSatisfaction, feedbackSatisfaction and queryPhraseByKeyword.
import { expect, test } from '@playwright/test';
import { call, creds, customer, mockApp, poll, send } from './helpers.js';

test.describe('saveSatisfaction', () => {
  const body = (app: Parameters<typeof creds>[0], userId: string, extra: Record<string, unknown> = {}) =>
    ({ channel: 'WEB', userId, evaluation: '5', comment: 'Satisfied', channelConfigId: creds(app).channelConfigId, ...extra });

  test('saves an evaluation of a known user, also after the chat ended, with npsScore and fcrValue', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await send(app, c, 'DISCONNECT');
    const r = await call(app, 'saveSatisfaction', { headers: c.headers, body: body(app, 'u1', { npsScore: 9, fcrValue: '1' }) });
    expect(r.status).toBe(200);
    expect(r.body.resultCode).toBe('0');
    expect(app.mock.store.records.satisfaction).toHaveLength(1);
    // Any time, even without a chat.
    const d = await customer(app, 'u2');
    expect((await call(app, 'saveSatisfaction', { headers: d.headers, body: body(app, 'u2', { evaluation: '1', comment: '' }) })).body.resultCode).toBe('0');
  });

  test('value rules answer "13": evaluation outside 1–5, a 512-character comment, npsScore 10, fcrValue 3', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    for (const extra of [{ evaluation: '0' }, { evaluation: '6' }, { comment: 'x'.repeat(512) }, { npsScore: 10 }, { npsScore: '12' }, { fcrValue: 3 }, { channel: 'FAX' }]) {
      const r = await call(app, 'saveSatisfaction', { headers: c.headers, body: body(app, 'u1', extra) });
      expect(r.status, JSON.stringify(extra)).toBe(200);
      expect(r.body.resultCode, JSON.stringify(extra)).toBe('13');
    }
    expect((await call(app, 'saveSatisfaction', { headers: c.headers, body: body(app, 'u1', { comment: 'x'.repeat(511) }) })).body.resultCode).toBe('0');
    expect(app.mock.store.records.satisfaction).toHaveLength(1);
  });

  test('a wrong type or a missing field is 400, not a result code', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const { evaluation: _drop, ...missing } = body(app, 'u1');
    for (const b of [body(app, 'u1', { evaluation: 5 }), body(app, 'u1', { npsScore: true }), missing]) {
      expect((await call(app, 'saveSatisfaction', { headers: c.headers, body: b })).status, JSON.stringify(b)).toBe(400);
    }
  });

  test('another channelConfigId → "13"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    expect((await call(app, 'saveSatisfaction', { headers: c.headers, body: body(app, 'u1', { channelConfigId: 'x' }) })).body.resultCode).toBe('13');
  });
});

test.describe('feedbackSatisfaction', () => {
  test('rates a robot answer by its interIdx; the business rules answer their codes', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    await send(app, c, 'CHAT', 'opening hours');
    const [, answer] = await poll(app, c);
    const fb = (b: Record<string, unknown>) => call(app, 'feedbackSatisfaction', { headers: c.headers, body: { from: 'u1', interIdx: answer.interIdx, ...b } });
    expect((await fb({ feedback: 1 })).body).toEqual({ resultCode: '0', resultDesc: 'Send message to robot successfully' });
    expect((await fb({ feedback: 0, feedbackContent: 'too vague' })).body.resultCode).toBe('0');
    expect((await fb({ feedback: 0 })).body.resultCode).toBe('30000000008');
    expect((await fb({ feedback: 0, feedbackContent: '' })).body.resultCode).toBe('30000000008');
    expect((await fb({ feedback: 1, interIdx: '999999' })).body.resultCode).toBe('30000000019');
    expect(app.mock.store.records.feedback).toHaveLength(2);
  });

  test('schema rules are 400 (the operation documents no parameter-error code): feedback 2, "1", 65 bytes', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    for (const b of [{ feedback: 2 }, { feedback: '1' }, { feedback: 0, feedbackContent: '€'.repeat(22) }, { feedback: 1, interIdx: '' }]) {
      const r = await call(app, 'feedbackSatisfaction', { headers: c.headers, body: { from: 'u1', interIdx: '1', ...b } });
      expect(r.status, JSON.stringify(b)).toBe(400);
    }
  });
});

test.describe('queryPhraseByKeyword', () => {
  test('answers phrases from the FAQ as an array of strings', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const r = await call(app, 'queryPhraseByKeyword', { headers: c.headers, body: { strContent: 'password', locale: 'en', channel: 'WEB' } });
    expect(r.body.resultCode).toBe('0');
    expect(r.body.phrases).toEqual(['How do I reset my password?', 'How do I change my password?']);
    const none = await call(app, 'queryPhraseByKeyword', { headers: c.headers, body: { strContent: 'zzqx', locale: 'en', channel: 'WEB' } });
    expect(none.body.phrases).toEqual([]);
  });

  test('needs only the ccmessaging-token; a present but wrong x-app-key or Bearer token is still 401', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const body = { strContent: 'order', locale: 'en', channel: 'WEB' };
    const token = { 'ccmessaging-token': c.token };
    expect((await call(app, 'queryPhraseByKeyword', { headers: token, body })).body.phrases.length).toBeGreaterThan(0);
    expect((await call(app, 'queryPhraseByKeyword', { headers: { ...token, 'x-app-key': 'wrong' }, body })).status).toBe(401);
    expect((await call(app, 'queryPhraseByKeyword', { headers: { ...token, authorization: 'Bearer wrong' }, body })).status).toBe(401);
    expect((await call(app, 'queryPhraseByKeyword', { headers: { 'x-app-key': c.headers['x-app-key'], authorization: c.headers.authorization }, body })).status).toBe(401);
  });
});
