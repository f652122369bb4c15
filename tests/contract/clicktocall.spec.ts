// @contract: click-to-dial support, create, events, drop.
import { test, expect, ops, details } from '../../fixtures/index.js';
import { bodyOf } from '../../fixtures/client.js';
import { EVENT_DESCRIPTIONS, RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

test.describe('click-to-call', () => {
  test('checkClickToCallSupport answers the support flags', {
    tag: ['@contract', '@health'],
    annotation: ops('checkClickToCallSupport'),
  }, async ({ customer }) => {
    const response = await customer.api.checkClickToCallSupport({ channel: 'WEB' });
    const body = await bodyOf(response);
    if (body.resultCode !== undefined) expect(body.resultCode).toBe('0');
    await judge(RULES.supportFlags, () => {
      expect(typeof body.clickToCallSupported, 'clickToCallSupported is a boolean').toBe('boolean');
      expect(typeof body.webRTCSupported, 'webRTCSupported is a boolean').toBe('boolean');
    });
  });

  test('getClickToCallEvents without a call answers "no events"', {
    tag: ['@contract', '@health'],
    annotation: ops('getClickToCallEvents'),
  }, async ({ customer }) => {
    const response = await customer.api.getClickToCallEvents({ channel: 'WEB' });
    const body = await bodyOf(response);
    if (body.resultCode !== undefined) expect(body.resultCode).toBe('0');
    await judge(RULES.eventDescriptions, () => expect(EVENT_DESCRIPTIONS, `resultDesc "${body.resultDesc}" is a documented event`).toContain(body.resultDesc));
  });

  test('createClickToCall creates a call and dropClickToCall releases it', details(['@contract'], 'createClickToCall', 'dropClickToCall', 'checkClickToCallSupport'), async ({ customer, target }) => {
    const support = await bodyOf(await customer.api.checkClickToCallSupport({ channel: 'WEB' }));
    if (target === 'tenant') test.skip(!support.clickToCallSupported, 'the tenant does not support click-to-call');
    // Tables 11-3 and 14-3 mark resultCode not mandatory: a success is HTTP 200 with "0" or without a code.
    await expect(await customer.createClickToCall(), 'createClickToCall').toSucceed();
    await expect(await customer.dropClickToCall(), 'dropClickToCall').toSucceed();
  });
});
