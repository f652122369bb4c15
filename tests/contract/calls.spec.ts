// @contract: offline messages and anonymous calls (side effects: skipped on a tenant unless allowed).
import { test, expect, details } from '../../fixtures/index.js';
import { leaveMessageBody, mobileAgentCallBody } from '../../fixtures/builders.js';
import { calledNumber } from '../../fixtures/baselines.js';
import { bodyOf } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

test.describe('calls', () => {
  test('doLeaveMessage saves an offline message', details(['@contract'], 'doLeaveMessage'), async ({ customer, faker }) => {
    const response = await customer.api.call('doLeaveMessage', { body: leaveMessageBody(faker, customer.who) });
    expect((await bodyOf(response)).resultCode).toBe('0');
  });

  test('createMobileAgentCall creates an anonymous call task', details(['@contract'], 'createMobileAgentCall'), async ({ api, config, faker }, testInfo) => {
    const response = await api.call('createMobileAgentCall', { body: mobileAgentCallBody(faker, calledNumber({ config, faker, testInfo })) });
    const body = await bodyOf(response);
    expect(body.resultCode).toBe('0');
    await judge(RULES.resultData, () => {
      expect(body.resultData, 'resultData on success').toBeTruthy();
      expect(body.resultData!.sipServiceAddress, 'sipServiceAddress is ip:port').toMatch(/^[^:\s]+:[0-9]{1,5}$/);
      expect(body.resultData!.accesscode.length, 'accesscode is not empty').toBeGreaterThan(0);
    });
  });
});
