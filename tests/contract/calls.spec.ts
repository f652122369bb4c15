// @contract: offline messages and anonymous calls (side effects: skipped on a tenant unless allowed).
import { test, expect, ops } from '../../fixtures/index.js';
import { leaveMessageBody, mobileAgentCallBody } from '../../fixtures/builders.js';
import { calledNumber } from '../../fixtures/baselines.js';
import { json } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

test.describe('calls', () => {
  test('doLeaveMessage saves an offline message', {
    tag: ['@contract', '@side-effect'],
    annotation: ops('doLeaveMessage'),
  }, async ({ customer, faker }) => {
    const response = await customer.api.doLeaveMessage(leaveMessageBody(faker, customer.who));
    expect((await json<{ resultCode: string }>(response)).resultCode).toBe('0');
  });

  test('createMobileAgentCall creates an anonymous call task', {
    tag: ['@contract', '@side-effect'],
    annotation: ops('createMobileAgentCall'),
  }, async ({ api, config, faker }, testInfo) => {
    const response = await api.createMobileAgentCall(mobileAgentCallBody(faker, calledNumber({ config, faker, testInfo })));
    const body = await json<{ resultCode: string; resultData?: { sipServiceAddress: string; accesscode: string; callSerialNo?: string } | null }>(response);
    expect(body.resultCode).toBe('0');
    await judge(RULES.resultData, () => {
      expect(body.resultData, 'resultData on success').toBeTruthy();
      expect(body.resultData!.sipServiceAddress, 'sipServiceAddress is ip:port').toMatch(/^[^:\s]+:[0-9]{1,5}$/);
      expect(body.resultData!.accesscode.length, 'accesscode is not empty').toBeGreaterThan(0);
    });
  });
});
