// The gateway's flow control as the suite reads it (src/suite/flow-control.ts): which answers are throttling, how
// long to wait, the adaptive rate the workers share through a file, and how a spent budget is reported: one
// "throttled" finding, a health verdict of its own, and a count in the findings report.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AdaptiveRate, DEFAULT_BUDGET, rateLevel, throttleDelayMs, throttledReason, ThrottledError } from '../../src/suite/flow-control.js';
import { DEFAULT_POLICY, withResilience } from '../../src/suite/resilience.js';
import { verdictOf, verdictWithFindings, type HealthCheck } from '../../products/health/classify.js';
import { buildReport, summarize } from '../../products/findings/report.js';
import { throttleAnnotation, throttleOfAnnotation } from '../../src/contract/exchange.js';

test.describe('throttled answers', () => {
  test('429 (with the gateway\'s errorCode), APIGW.0308 and resultCode 10010000002 are flow control; other answers are not', () => {
    expect(throttledReason({ status: 429, errorCode: 'APIGW.0308' })).toBe('HTTP 429 APIGW.0308');
    expect(throttledReason({ status: 429 })).toBe('HTTP 429');
    expect(throttledReason({ status: 403, errorCode: 'APIGW.0308' })).toBe('HTTP 403 APIGW.0308');
    expect(throttledReason({ status: 200, resultCode: '10010000002' })).toMatch(/flow control/);
    for (const a of [{ status: 200, resultCode: '0' }, { status: 503 }, { status: 401, errorCode: 'MOCK.0401' }, { status: null }]) expect(throttledReason(a)).toBeUndefined();
  });

  test('the wait is the server\'s Retry-After, in seconds or as an HTTP date; without it a jittered backoff within its bounds', () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    expect(throttleDelayMs(DEFAULT_BUDGET, 1, { 'Retry-After': '3' }, Math.random, now)).toBe(3000);
    expect(throttleDelayMs(DEFAULT_BUDGET, 1, { 'retry-after': new Date(now + 2000).toUTCString() }, Math.random, now)).toBe(2000);
    expect(throttleDelayMs(DEFAULT_BUDGET, 1, {}, () => 0, now)).toBe(375);
    expect(throttleDelayMs(DEFAULT_BUDGET, 1, {}, () => 1, now)).toBe(625);
    expect(throttleDelayMs(DEFAULT_BUDGET, 10, {}, () => 1, now)).toBe(10_000); // capped at 8 s + 25 %
  });

  test('a spent budget is not retried again by the health check\'s retries', async () => {
    let attempts = 0;
    const run = withResilience({ ...DEFAULT_POLICY, retries: 3, backoffMs: 1 }, { acquire: async () => undefined }, 'GET', async () => {
      attempts++;
      throw new ThrottledError('poll', 'HTTP 429', 11, 60_000);
    });
    await expect(run).rejects.toThrow(/^Throttled: poll still met the gateway's flow control \(HTTP 429\) after 11 attempts/);
    expect(attempts).toBe(1);
  });
});

test.describe('the adaptive rate (shared by the workers through a file)', () => {
  test('no limit until a throttle; then half the run\'s rate, once per second; growth per success; shared by two processes\' views', () => {
    const root = mkdtempSync(join(tmpdir(), 'cec-rate-'));
    const a = new AdaptiveRate('http://t#k', { root, processes: 2 });
    const b = new AdaptiveRate('http://t#k', { root, processes: 2 });
    expect(a.current()).toBeNull();
    const t0 = Date.now();
    a.throttled(t0); // no rate yet, no recent requests: from 1 request/s at least
    expect(a.current()).toBe(0.5);
    expect(b.current(t0 + 1000), 'the other worker reads the same rate').toBe(0.5);
    const c = new AdaptiveRate('http://t#k', { root, ceiling: 40 });
    c.reset();
    c.throttled(t0);
    expect(c.current()).toBe(20);
    c.throttled(t0 + 500);
    expect(c.current(), 'one burst halves once').toBe(20);
    c.throttled(t0 + 1500);
    expect(c.current()).toBe(10);
    for (let i = 0; i < 20; i++) c.succeeded(t0 + 2000);
    c.succeeded(t0 + 3000); // flushed every 500 ms at most
    expect(c.current(t0 + 3000)).toBeCloseTo(10 + 21 * 0.1, 5);
    c.reset();
    expect(c.current(Date.now() + 1000)).toBe(40); // back to the ceiling
  });

  test('rates are paced on levels about 19 % apart, so workers at one rate claim the same slots', () => {
    expect(rateLevel(20)).toBeCloseTo(19.03, 1);
    expect(rateLevel(21)).toBeCloseTo(rateLevel(20), 5);
    expect(rateLevel(22.7)).toBeGreaterThan(20);
    expect(rateLevel(8)).toBe(8);
  });
});

test.describe('what a spent budget and a counted throttle become', () => {
  const check = (status: HealthCheck['status'], detail?: string): HealthCheck => ({ name: 'c', file: 'f', status, durationMs: 1, requests: 1, latencyMs: 1, maxLatencyMs: 1, transient: 0, noAnswer: 0, ...(detail ? { detail } : {}) });
  const throttled = 'Error: Throttled: poll still met the gateway\'s flow control (HTTP 429) after 11 attempts and 60.0 s of waiting';

  test('health: every failed check throttled → THROTTLED, exit 2; one failed otherwise → BROKEN, exit 1', () => {
    expect(verdictOf([check('ok'), check('failed', throttled)])).toMatchObject({ verdict: 'throttled', exitCode: 2 });
    expect(verdictOf([check('ok'), check('failed', throttled), check('failed', 'Error: poll answers by the contract')])).toMatchObject({ verdict: 'broken', exitCode: 1 });
    const findings = { gate: { passed: false }, findings: [{ signature: '- throttled the retry budget was spent', verdict: 'fail' as const, status: 'new', check: 'throttled', tests: ['c'] }] };
    expect(verdictWithFindings({ verdict: 'broken', exitCode: 1 }, findings)).toMatchObject({ verdict: 'throttled', exitCode: 2 });
  });

  test('findings: the tests\' throttled annotations are summed into a count, printed, not a finding', () => {
    expect(throttleOfAnnotation(throttleAnnotation(3, 2100))).toEqual({ count: 3, waitedMs: 2100 });
    const outcome = (name: string, throttledCount: number) => ({ name, status: 'passed' as const, observations: [], errors: [], operationIds: [], throttled: { count: throttledCount, waitedMs: throttledCount * 1000 } });
    const r = buildReport([outcome('a', 30), outcome('b', 7), { name: 'c', status: 'passed', observations: [], errors: [], operationIds: [] }], [], { startedAt: '', durationMs: 1, tenant: 't', seed: '1', strict: false, baselineFile: 'b' });
    expect(r.throttled).toEqual({ count: 37, waitedMs: 37_000, tests: 2 });
    expect(r.findings).toEqual([]);
    expect(r.gate.passed).toBe(true);
    expect(summarize(r, 'page')).toMatch(/throttled 37 times, waited 37 s in 2 tests/);
  });
});
