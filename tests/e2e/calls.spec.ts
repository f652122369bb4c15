// @e2e: click-to-call from support check to hang-up, an offline message, an anonymous call. All side effects:
// skipped on a tenant unless CEC_ALLOW_SIDE_EFFECTS=1.
import { test, expect, ops, type Schemas } from '../../fixtures/index.js';
import { leaveMessageBody, mobileAgentCallBody } from '../../fixtures/builders.js';
import { calledNumber } from '../../fixtures/baselines.js';
import { json } from '../../fixtures/client.js';
import type { Customer } from '../../fixtures/customer.js';

const FINAL_FAILURES = ['Call failed', 'Call queued timeout'];
type Event = Schemas['ClickToCallEventResponse'];

/** Polls getClickToCallEvents until `wanted` (or a failure event, or the deadline); returns every event seen. */
async function eventsUntil(customer: Customer, wanted: string, timeoutMs: number): Promise<Event[]> {
  const seen: Event[] = [];
  const deadline = Date.now() + timeoutMs;
  let backoff = 250;
  for (;;) {
    const response = await customer.api.getClickToCallEvents({ channel: 'WEB' });
    const e = await json<Event>(response);
    if (e.resultCode !== undefined) expect(e.resultCode, 'getClickToCallEvents resultCode').toBe('0');
    seen.push(e);
    if (e.resultDesc === wanted) return seen;
    expect(FINAL_FAILURES, `the call failed: ${JSON.stringify(e)}`).not.toContain(e.resultDesc);
    if (Date.now() > deadline) throw new Error(`no "${wanted}" event within ${timeoutMs} ms; events: ${seen.map((x) => x.resultDesc).join(', ')}`);
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 1.5, 1000);
  }
}

test.describe('calls', () => {
  test('click-to-call: support, create, connected, drop, disconnected', {
    tag: ['@e2e', '@side-effect'],
    annotation: ops('checkClickToCallSupport', 'createClickToCall', 'getClickToCallEvents', 'dropClickToCall'),
  }, async ({ customer, target, replyTimeoutMs }) => {
    const support = await customer.api.checkClickToCallSupport({ channel: 'WEB' });
    const flags = await json<{ clickToCallSupported?: boolean }>(support);
    if (target === 'tenant') test.skip(flags.clickToCallSupported !== true, 'the tenant does not support click-to-call');
    else expect(flags.clickToCallSupported).toBe(true);

    const created = await customer.createClickToCall();
    await expect(created).toSucceed();

    const events = await eventsUntil(customer, 'Call connected', replyTimeoutMs);
    const connected = events.at(-1)!;
    expect(connected.eventId, 'the event has an id').toBeDefined();

    const dropped = await customer.dropClickToCall();
    await expect(dropped).toSucceed();
    await eventsUntil(customer, 'Call disconnected', replyTimeoutMs);
  });

  test('leave an offline message', {
    tag: ['@e2e', '@side-effect'],
    annotation: ops('doLeaveMessage'),
  }, async ({ customer, faker }) => {
    const response = await customer.api.doLeaveMessage(leaveMessageBody(faker, customer.who));
    await expect(response).toSucceed();
  });

  test('anonymous call task (dials CEC_TEST_PHONE on a tenant)', {
    tag: ['@e2e', '@side-effect'],
    annotation: ops('tokenByAkSk', 'createMobileAgentCall'),
  }, async ({ api, config, faker }, testInfo) => {
    const response = await api.createMobileAgentCall(mobileAgentCallBody(faker, calledNumber({ config, faker, testInfo })));
    await expect(response).toSucceed();
    const body = await json<{ resultData?: { sipServiceAddress?: string; accesscode?: string } | null }>(response);
    expect(body.resultData?.sipServiceAddress).toMatch(/^[^:\s]+:[0-9]{1,5}$/);
    expect(body.resultData?.accesscode).toBeTruthy();
  });
});
