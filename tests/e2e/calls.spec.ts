// @e2e: click-to-call from support check to hang-up, an offline message, an anonymous call. All side effects:
// skipped on a tenant unless CEC_ALLOW_SIDE_EFFECTS=1.
import { test, expect, details, type Schemas } from '../../fixtures/index.js';
import { leaveMessageBody, mobileAgentCallBody } from '../../fixtures/builders.js';
import { calledNumber } from '../../fixtures/baselines.js';
import { bodyOf } from '../../fixtures/client.js';
import type { Customer } from '../../fixtures/customer.js';
import { EVENT_DESCRIPTIONS, RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

const FINAL_FAILURES = ['Call failed', 'Call queued timeout'];
type Event = Schemas['ClickToCallEventResponse'];

/**
 * Polls getClickToCallEvents until `wanted` (or a failure event, or the deadline); returns every event seen, or
 * undefined when the tenant does not name its events: resultDesc is not mandatory (table 12-3) and only the facts
 * name the descriptions, so a tenant that answers an event without one, or with another, cannot be followed (a
 * warning; the journey goes on without following the call, no skip).
 */
async function eventsUntil(customer: Customer, wanted: string, timeoutMs: number): Promise<Event[] | undefined> {
  const seen: Event[] = [];
  const deadline = Date.now() + timeoutMs;
  let backoff = 250;
  for (;;) {
    const response = await customer.api.getClickToCallEvents({ channel: 'WEB' });
    const e = await bodyOf(response);
    if (e.resultCode !== undefined) expect(e.resultCode, 'getClickToCallEvents resultCode').toBe('0');
    // No description and no event id: no event yet (the lenient reading of "ClickToCall polled without any events").
    const nothingYet = e.resultDesc === undefined && e.eventId === undefined;
    if (!nothingYet && !await judge(RULES.eventDescriptions, () => expect(EVENT_DESCRIPTIONS, `resultDesc ${JSON.stringify(e.resultDesc)} is a documented event`).toContain(e.resultDesc))) {
      test.info().annotations.push({ type: 'not followed', description: `the call's events name no documented event (${RULES.eventDescriptions.source}): "${wanted}" not followed` });
      return undefined;
    }
    seen.push(e);
    if (e.resultDesc === wanted) return seen;
    expect(FINAL_FAILURES, `the call failed: ${JSON.stringify(e)}`).not.toContain(e.resultDesc);
    if (Date.now() > deadline) throw new Error(`no "${wanted}" event within ${timeoutMs} ms; events: ${seen.map((x) => x.resultDesc ?? '(none)').join(', ')}`);
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 1.5, 1000);
  }
}

test.describe('calls', () => {
  test('click-to-call: support, create, connected, drop, disconnected', details(['@e2e'], 'checkClickToCallSupport', 'createClickToCall', 'getClickToCallEvents', 'dropClickToCall'), async ({ customer, target, replyTimeoutMs }) => {
    const support = await customer.api.checkClickToCallSupport({ channel: 'WEB' });
    const flags = await bodyOf(support);
    if (target === 'tenant') test.skip(flags.clickToCallSupported !== true, 'the tenant does not support click-to-call');
    else expect(flags.clickToCallSupported).toBe(true);

    const created = await customer.createClickToCall();
    await expect(created).toSucceed();

    const events = await eventsUntil(customer, 'Call connected', replyTimeoutMs);
    if (events) expect(events.at(-1)!.eventId, 'the event has an id').toBeDefined();

    const dropped = await customer.dropClickToCall();
    await expect(dropped).toSucceed();
    if (events) await eventsUntil(customer, 'Call disconnected', replyTimeoutMs);
  });

  test('leave an offline message', details(['@e2e'], 'doLeaveMessage'), async ({ customer, faker }) => {
    const response = await customer.api.call('doLeaveMessage', { body: leaveMessageBody(faker, customer.who) });
    await expect(response).toSucceed();
  });

  test('anonymous call task (dials CEC_TEST_PHONE on a tenant)', details(['@e2e'], 'tokenByAkSk', 'createMobileAgentCall'), async ({ api, config, faker }, testInfo) => {
    const response = await api.call('createMobileAgentCall', { body: mobileAgentCallBody(faker, calledNumber({ config, faker, testInfo })) });
    await expect(response).toSucceed();
    const body = await bodyOf(response);
    expect(body.resultData?.sipServiceAddress).toMatch(/^[^:\s]+:[0-9]{1,5}$/);
    expect(body.resultData?.accesscode).toBeTruthy();
  });
});
