// @negative: an API Fabric AccessToken works for the lifetime it announces (Expires, asked for with X-Token-Expire)
// and not after. Portable: the wait is the tenant's own announced lifetime; a tenant that announces more than the
// test can wait is told apart (the contract test "tokenByAkSk honours X-Token-Expire" already fails it).
import { test, expect, ops } from '../../fixtures/index.js';
import { bodyOf } from '../../fixtures/client.js';
import { classify } from '../../fixtures/matchers.js';
import { judge } from '../../fixtures/verdicts.js';
import { RULES } from '../../fixtures/business-rules.js';
import { registerSecret } from '../../src/contract/secrets.js';

const LIFETIME = RULES.tokenLifetime;

/** The lifetime asked for, in seconds (X-Token-Expire is 1..3600). */
const LIFETIME_S = 2;
/** Longer than this the test will not wait. */
const MAX_WAIT_S = 10;

test.describe('token lifetime', () => {
  test('an AccessToken works until its Expires and is refused after', {
    tag: ['@negative'],
    annotation: ops('tokenByAkSk', 'poll'),
  }, async ({ api, customer }) => {
    const issued = await api.tokenByAkSk(undefined, { expireSeconds: LIFETIME_S });
    const { AccessToken: token, Expires } = await bodyOf(issued);
    registerSecret(token);
    const lifetimeS = Number(Expires);
    test.skip(!(lifetimeS > 0 && lifetimeS <= MAX_WAIT_S), `the tenant announced Expires "${Expires}" for X-Token-Expire ${LIFETIME_S}: longer than this test waits`);
    const poll = (variant: string) => customer.api.raw('poll', { query: { receiverId: customer.userId, channel: 'WEB' }, credentials: { fabricToken: token }, variant });

    await expect(await poll('token:fresh'), 'the fresh token works').toSucceed();
    const lapsesBy = Date.now() + lifetimeS * 1000;
    await judge(LIFETIME, () => expect.poll(async () => {
      const r = await poll('token:lapsed');
      return classify(r.status(), (await r.body()).toString('utf8')).rejected;
    }, { message: `the token is refused after its ${lifetimeS} s`, timeout: lifetimeS * 1000 + 5000, intervals: [250, 500, 1000] }).toBe(true));
    expect(Date.now(), 'the token was refused only once its lifetime had passed (the fresh one worked)').toBeGreaterThanOrEqual(lapsesBy - 1000);
  });
});
