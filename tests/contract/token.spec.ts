// @contract: the two tokens, on their success paths.
import { test, expect, ops } from '../../fixtures/index.js';
import { applyTokenBody, identity } from '../../fixtures/builders.js';
import { bodyOf } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

test.describe('tokens', () => {
  test('tokenByAkSk issues a Bearer AccessToken for the AK/SK', {
    tag: ['@contract', '@smoke', '@health'],
    annotation: ops('tokenByAkSk'),
  }, async ({ api, config }) => {
    const response = await api.tokenByAkSk(undefined, { expireSeconds: 600 });
    expect(response.status()).toBe(200);
    const body = await bodyOf(response);
    await judge(RULES.accessToken, () => expect(typeof body.AccessToken === 'string' && body.AccessToken.length > 0, 'AccessToken is a non-empty string').toBe(true));
    await judge(RULES.tokenShape, () => {
      expect(body.ApplyType).toBe('Bearer');
      expect(String(body.Expires), 'Expires is a number of seconds').toMatch(/^[0-9]+$/);
      expect(Number(body.Expires), 'Expires is within 1..3600 s').toBeGreaterThan(0);
      expect(Number(body.Expires)).toBeLessThanOrEqual(3600);
      expect(String(body.CreateTime), 'CreateTime is a Unix time in seconds').toMatch(/^[0-9]{9,11}$/);
      expect(Math.abs(Number(body.CreateTime) - Date.now() / 1000), 'CreateTime is about now (clock skew under a day)').toBeLessThan(86_400);
      expect(body.AppKey, 'AppKey echoes app_key').toBe(config.appKey);
    });
  });

  test('tokenByAkSk honours X-Token-Expire', {
    tag: ['@contract', '@health'],
    annotation: ops('tokenByAkSk'),
  }, async ({ api }) => {
    const response = await api.tokenByAkSk(undefined, { expireSeconds: 300 });
    const body = await bodyOf(response);
    // "300" in the facts' string form, or 300: the form is the schema's (guidance) business.
    await judge(RULES.tokenExpire, () => expect(String(body.Expires), 'Expires is the lifetime asked for').toBe('300'));
  });

  test('applyToken issues a ccmessaging-token for a customer', {
    tag: ['@contract', '@smoke', '@health'],
    annotation: ops('applyToken'),
  }, async ({ api, config, faker }) => {
    const response = await api.call('applyToken', { body: applyTokenBody(identity(faker), config.channelConfigId) });
    // Refused (a status or a result code other than "0"): applyToken's refuses-valid finding, with what it answered.
    await expect(response, 'a valid applyToken is accepted').toSucceed();
    const body = await bodyOf(response);
    expect(typeof body.token === 'string' && body.token.length > 0, 'token is a non-empty string').toBe(true);
  });

  test('the ccmessaging-token works on the next request', {
    tag: ['@contract', '@health'],
    annotation: ops('applyToken', 'poll'),
  }, async ({ customer }) => {
    const response = await customer.api.call('poll', { query: { receiverId: customer.userId, channel: 'WEB' } });
    await expect(response).toSucceed();
  });
});
