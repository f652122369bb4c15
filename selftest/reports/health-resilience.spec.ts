// The health check's resilience (src/suite/resilience.ts): what counts as transient, the backoff, the shared
// throttle, and the retry loop; and their settings in loadConfig.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { loadConfig as load, ConfigError, type Env } from '../../src/suite/config.js';
import { withEmbeddedMockCredentials } from '../../products/embedded-mock/credentials.js';

const loadConfig = (env: Env) => load(withEmbeddedMockCredentials(env));
import { backoffDelayMs, DEFAULT_POLICY, FLOW_CONTROL_CODE, retryAfterMs, SharedThrottle, transientReason, withResilience, type AttemptOutcome } from '../../src/suite/resilience.js';

const policy = { ...DEFAULT_POLICY, backoffMs: 10, maxBackoffMs: 40, maxRetryAfterMs: 50 };
const noThrottle = { acquire: async () => undefined };

test.describe('transient failures', () => {
  test('503, 429, flow control and Retry-After are transient; other answers stand', () => {
    const post = (o: Partial<AttemptOutcome>): AttemptOutcome => ({ status: 200, method: 'POST', ...o });
    expect(transientReason(post({ status: 503 }))).toBe('HTTP 503');
    expect(transientReason(post({ status: 429 }))).toBe('HTTP 429');
    expect(transientReason(post({ resultCode: FLOW_CONTROL_CODE }))).toMatch(/flow control/);
    expect(transientReason(post({ status: 500, headers: { 'Retry-After': '2' } }))).toBe('Retry-After');
    for (const o of [post({}), post({ resultCode: '0' }), post({ status: 400 }), post({ status: 401 }), post({ status: 500 }), post({ resultCode: '1' })]) expect(transientReason(o)).toBeUndefined();
    // No answer: repeated only when repeating cannot act twice.
    expect(transientReason({ status: null, method: 'GET' })).toBe('no answer');
    expect(transientReason({ status: null, method: 'POST' })).toBeUndefined();
  });

  test('Retry-After in seconds or as a date; backoff doubles with jitter and is capped', () => {
    expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
    expect(retryAfterMs({ 'Retry-After': new Date(Date.UTC(2030, 0, 1, 0, 0, 5)).toUTCString() }, Date.UTC(2030, 0, 1))).toBe(5000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterMs({})).toBeUndefined();
    const p = { ...DEFAULT_POLICY, backoffMs: 100, maxBackoffMs: 300, maxRetryAfterMs: 1000 };
    expect(backoffDelayMs(p, 1, undefined, () => 0.5)).toBe(100);
    expect(backoffDelayMs(p, 2, undefined, () => 0.5)).toBe(200);
    expect(backoffDelayMs(p, 5, undefined, () => 0.5)).toBe(300);
    expect(backoffDelayMs(p, 1, undefined, () => 0)).toBe(75);
    expect(backoffDelayMs(p, 1, undefined, () => 0.999)).toBeLessThanOrEqual(125);
    expect(backoffDelayMs(p, 1, { 'Retry-After': '1' })).toBe(1000);
    expect(backoffDelayMs(p, 1, { 'Retry-After': '120' })).toBe(1000);
  });
});

test.describe('withResilience', () => {
  test('repeats a transient answer until it passes, and says why', async () => {
    const answers: AttemptOutcome[] = [{ status: 503, method: 'POST' }, { status: 200, method: 'POST', resultCode: FLOW_CONTROL_CODE }, { status: 200, method: 'POST', resultCode: '0' }];
    const timeouts: number[] = [];
    const retries: string[] = [];
    const result = await withResilience(policy, noThrottle, 'POST', async (timeoutMs) => {
      timeouts.push(timeoutMs);
      const outcome = answers.shift()!;
      return { outcome, result: outcome.resultCode ?? String(outcome.status) };
    }, (n, reason) => retries.push(`${n}: ${reason}`));
    expect(result).toBe('0');
    expect(retries).toEqual(['1: HTTP 503', `2: flow control (resultCode ${FLOW_CONTROL_CODE})`]);
    expect(timeouts).toEqual([policy.requestTimeoutMs, policy.requestTimeoutMs, policy.requestTimeoutMs]);
  });

  test('gives up after the configured retries and returns the last answer', async () => {
    let attempts = 0;
    const result = await withResilience({ ...policy, retries: 2 }, noThrottle, 'GET', async () => ({ outcome: { status: 503, method: 'GET' }, result: ++attempts }));
    expect(result).toBe(3);
  });

  test('a failed connection: a GET is repeated, a POST is not', async () => {
    let gets = 0;
    const got = await withResilience(policy, noThrottle, 'GET', async () => {
      if (++gets < 3) throw new Error('ECONNRESET');
      return { outcome: { status: 200, method: 'GET' }, result: 'ok' };
    });
    expect([got, gets]).toEqual(['ok', 3]);
    let posts = 0;
    await expect(withResilience(policy, noThrottle, 'POST', async () => {
      posts++;
      throw new Error('ECONNRESET');
    })).rejects.toThrow('ECONNRESET');
    expect(posts).toBe(1);
  });

  test('honours Retry-After (capped by the policy)', async () => {
    let attempts = 0;
    const t0 = Date.now();
    await withResilience({ ...policy, maxRetryAfterMs: 300 }, noThrottle, 'POST', async () => ({ outcome: attempts++ ? { status: 200, method: 'POST' } : { status: 503, method: 'POST', headers: { 'Retry-After': '60' } }, result: undefined }));
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(3000);
  });
});

test.describe('SharedThrottle', () => {
  let root: string;
  test.beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'throttle-')); });
  test.afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('hands out one slot per interval, in order', () => {
    const t = new SharedThrottle('http://tenant', 10, root);
    const now = 1_000_000;
    expect([t.claim(now), t.claim(now), t.claim(now), t.claim(now + 1000)]).toEqual([1_000_000, 1_000_100, 1_000_200, 1_001_000]);
  });

  test('processes share the budget: 4 processes × 5 requests at 20/s take about a second', async () => {
    const script = `
      import { SharedThrottle } from ${JSON.stringify(new URL('../../src/suite/resilience.ts', import.meta.url).pathname)};
      const t = new SharedThrottle('http://shared', 20, ${JSON.stringify(root)});
      const times = [];
      for (let i = 0; i < 5; i++) { const slot = await t.acquire(); times.push({ slot, sent: Date.now() }); }
      console.log(JSON.stringify(times));`;
    const run = () => new Promise<Array<{ slot: number; sent: number }>>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d; });
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Array<{ slot: number; sent: number }>) : reject(new Error(`exit ${code}`))));
    });
    const all = (await Promise.all([run(), run(), run(), run()])).flat().sort((a, b) => a.slot - b.slot);
    expect(all).toHaveLength(20);
    // No request leaves before its slot (a busy machine may send it later, never earlier); the 20 slots of the four
    // processes are distinct and one interval (50 ms at 20/s) apart at least, so no second holds more than 20.
    for (const x of all) expect(x.sent, 'sent at or after its slot').toBeGreaterThanOrEqual(Math.floor(x.slot));
    for (let i = 1; i < all.length; i++) expect(all[i].slot - all[i - 1].slot, 'slots one interval apart').toBeGreaterThanOrEqual(50 - 1e-6);
    expect(all.at(-1)!.slot - all[0].slot).toBeGreaterThanOrEqual(950 - 1e-6);
  });
});

test.describe('configuration', () => {
  const mockEnv = {};
  test('defaults and overrides', () => {
    // A tenant is spared (5 requests/s); the mock is not (200/s).
    expect(loadConfig({ CEC_BASE_URL: 'https://t.example', CEC_APP_KEY: 'k', CEC_APP_SECRET: 's', CEC_CHANNEL_CONFIG_ID: 'c' }).healthPolicy).toMatchObject({ maxRps: 5, retries: 3, requestTimeoutMs: 10_000 });
    expect(loadConfig(mockEnv).healthPolicy).toMatchObject({ maxRps: 200, retries: 3, requestTimeoutMs: 10_000 });
    expect(loadConfig({ CEC_HEALTH: '1', CEC_HEALTH_MAX_RPS: '0.5', CEC_HEALTH_RETRIES: '0', CEC_HEALTH_TIMEOUT_MS: '2500' }).healthPolicy).toMatchObject({ maxRps: 0.5, retries: 0, requestTimeoutMs: 2500 });
    expect(loadConfig(mockEnv).healthHistoryNights).toBe(30);
    expect(loadConfig({ CEC_HEALTH_HISTORY_NIGHTS: '7' }).healthHistoryNights).toBe(7);
  });

  test('bad values are named', () => {
    let error: unknown;
    try {
      loadConfig({ CEC_HEALTH_MAX_RPS: '0', CEC_HEALTH_RETRIES: '-1', CEC_HEALTH_TIMEOUT_MS: 'soon', CEC_HEALTH_HISTORY_NIGHTS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(['CEC_HEALTH_MAX_RPS', 'CEC_HEALTH_RETRIES', 'CEC_HEALTH_TIMEOUT_MS', 'CEC_HEALTH_HISTORY_NIGHTS']);
  });
});
