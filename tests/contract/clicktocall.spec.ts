// @contract: click-to-dial support, create, events, drop.
import { test, expect, ops, type Schemas } from '../../fixtures/index.js';
import { json } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

const EVENTS = ['Call in queue', 'Call connected', 'Call disconnected', 'Call queued timeout', 'Call failed', 'ClickToCall polled without any events'];
type Support = Schemas['ClickToCallSupportResponse'];
type Event = Schemas['ClickToCallEventResponse'];

test.describe('click-to-call', () => {
  test('checkClickToCallSupport answers the support flags', {
    tag: ['@contract', '@health'],
    annotation: ops('checkClickToCallSupport'),
  }, async ({ customer }) => {
    const response = await customer.api.checkClickToCallSupport({ channel: 'WEB' });
    const body = await json<Support>(response);
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
    const body = await json<Event>(response);
    if (body.resultCode !== undefined) expect(body.resultCode).toBe('0');
    await judge(RULES.eventDescriptions, () => expect(EVENTS, `resultDesc "${body.resultDesc}" is a documented event`).toContain(body.resultDesc));
  });

  test('createClickToCall creates a call and dropClickToCall releases it', {
    tag: ['@contract', '@side-effect'],
    annotation: ops('createClickToCall', 'dropClickToCall', 'checkClickToCallSupport'),
  }, async ({ customer, target }) => {
    const support = await json<Support>(await customer.api.checkClickToCallSupport({ channel: 'WEB' }));
    if (target === 'tenant') test.skip(!support.clickToCallSupported, 'the tenant does not support click-to-call');
    const created = await customer.createClickToCall();
    expect((await json<Event>(created)).resultCode, 'createClickToCall resultCode').toBe('0');
    const dropped = await customer.dropClickToCall();
    expect((await json<Event>(dropped)).resultCode, 'dropClickToCall resultCode').toBe('0');
  });
});
