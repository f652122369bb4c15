// @negative: an API Fabric AccessToken works for the lifetime it announces (Expires, asked for with X-Token-Expire)
// and not after. Portable: the wait is the tenant's own announced lifetime; a tenant that announces more than the
// test can wait is told apart (the contract test "tokenByAkSk honours X-Token-Expire" already fails it).
import { test, expect, ops } from '../../fixtures/index.js';
import { json } from '../../fixtures/client.js';
import { expectRejected } from '../../fixtures/negative.js';
import { registerSecret } from '../../src/contract/secrets.js';
import { operation } from '../../src/contract/spec.js';

/** The lifetime asked for, in seconds (X-Token-Expire is 1..3600). */
const LIFETIME_S = 2;
/** Longer than this the test will not wait. */
const MAX_WAIT_S = 10;

test.describe('token lifetime', () => {
  test('an AccessToken works until its Expires and is refused after', {
    tag: ['@negative'],
    annotation: ops('tokenByAkSk', 'poll'),
  }, async ({ api, customer }, testInfo) => {
    const issued = await api.tokenByAkSk(undefined, { expireSeconds: LIFETIME_S });
    await expect(issued).toMatchContract('tokenByAkSk');
    const { AccessToken: token, Expires } = await json<Record<string, string>>(issued);
    registerSecret(token);
    const lifetimeS = Number(Expires);
    test.skip(!(lifetimeS > 0 && lifetimeS <= MAX_WAIT_S), `the tenant announced Expires "${Expires}" for X-Token-Expire ${LIFETIME_S}: longer than this test waits`);
    const poll = (variant: string) => customer.api.raw('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, credentials: { fabricToken: token }, variant });

    await expect(await poll('token:fresh'), 'the fresh token works').toSucceed();
    await new Promise((r) => setTimeout(r, lifetimeS * 1000 + 1500));
    await expectRejected(operation('poll'), await poll('token:lapsed'), {}, testInfo);
  });
});
