// The worker's API Fabric token cache (fixtures/tokens.ts): one application for concurrent callers, renewal before
// the stated expiry, a new token after invalidate().
import { test, expect } from '@playwright/test';
import { FabricTokens, renewMarginMs } from '../../fixtures/tokens.js';

test('concurrent callers share one application; the token is renewed before it expires', async () => {
  let now = 1_000_000;
  let n = 0;
  const tokens = new FabricTokens(async () => ({ token: `t${++n}-abcdef`, expiresInS: 600 }), () => now);
  const [a, b] = await Promise.all([tokens.get(), tokens.get()]);
  expect([a, b]).toEqual(['t1-abcdef', 't1-abcdef']);
  expect(tokens.issued).toBe(1);
  now += 600_000 - renewMarginMs(600_000) - 1;
  expect(await tokens.get()).toBe('t1-abcdef');
  now += 2;
  expect(await tokens.get(), 'renewed inside the margin before expiry').toBe('t2-abcdef');
  expect(renewMarginMs(600_000)).toBe(60_000);
  expect(renewMarginMs(10_000)).toBe(2_000);
});

test('invalidate() drops only the token it names', async () => {
  let n = 0;
  const tokens = new FabricTokens(async () => ({ token: `t${++n}-abcdef`, expiresInS: 600 }));
  const first = await tokens.get();
  tokens.invalidate('some-other-token');
  expect(await tokens.get()).toBe(first);
  tokens.invalidate(first);
  expect(await tokens.get()).toBe('t2-abcdef');
});

test('a failed application is not cached', async () => {
  let fail = true;
  const tokens = new FabricTokens(async () => {
    if (fail) throw new Error('tenant said no');
    return { token: 'ok-abcdef', expiresInS: 600 };
  });
  await expect(tokens.get()).rejects.toThrow('tenant said no');
  fail = false;
  expect(await tokens.get()).toBe('ok-abcdef');
});
