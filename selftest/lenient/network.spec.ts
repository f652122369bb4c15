// Issue 23, a real tenant's network: the suite against the lenient mock (MOCK_PROFILE=lenient) taking the readings of
// a gateway and of real servers as options. A throttling gateway (MOCK_THROTTLE_RPS per app key: 429 with
// Retry-After, the flow-control code on feedbacksatisfaction) and rotating tokens (every 4th call, the old one refused
// 5 s later) with gzip answers and `Connection: close` are the tenant protecting itself or speaking HTTP, never a
// broken rule: the run ends with 0 failures and exit 0. One run meets them all at once, as a real tenant's network
// brings them together (each test below reads its part of that run). A subset keeps this fast (the journeys and the
// smoke tests: the tests with the most requests in a row); docs/benchmarks.md has the whole suite's runs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readExchanges, type ExchangeRecord } from '../../src/contract/exchange.js';
import { LENIENT_AGENT_DELAY_MS } from '../../mock/behaviour/profiles/names.js';
import type { FindingsReport } from '../../products/findings/model.js';
import { playwrightTest, runNode, startMock, suiteEnv, type Finished } from '../reports/helpers.js';

test.describe.configure({ mode: 'serial' });

const LENIENT = { MOCK_PROFILE: 'lenient', MOCK_ADMIN: '1', MOCK_AGENT_DELAY_MS: String(LENIENT_AGENT_DELAY_MS) };

// The whole suite at 20 requests/s is measured in docs/benchmarks.md. The journeys and the smoke tests in two workers,
// unthrottled, send about 135 requests in 9 s, four of those seconds with 20 to 28 (2 cores at a load of 5); the
// gateway here allows 8: the busiest seconds are 2.5 to 3.5 times over it, so it certainly throttles on a busy
// machine, while the run, paced below the limit once throttled (the adaptive rate halves, then grows back), waits
// about 135 / 5 s (at 3 requests/s it waited 45 s).
const THROTTLE_RPS = 8;
const NETWORK = {
  MOCK_THROTTLE_RPS: String(THROTTLE_RPS),
  MOCK_TOKEN_ROTATE_EVERY: '4', MOCK_TOKEN_ROTATE_GRACE_S: '5', MOCK_COMPRESS: 'gzip', MOCK_CONNECTION_CLOSE: '1',
};

let dir: string;
let run: Finished;
let report: FindingsReport;
let records: ExchangeRecord[];
let gateway: { throttled: number; rotated: number };

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(360_000);
  dir = mkdtempSync(join(tmpdir(), 'cec-network-'));
  const mock = await startMock({ ...LENIENT, ...NETWORK });
  try {
    run = await runNode(playwrightTest('--grep', '@e2e|@smoke', `--output=${join(dir, 'test-results')}`),
      { ...suiteEnv(mock.url), CEC_REPORTS_DIR: dir, CEC_SEED: '23', CEC_WORKERS: '2', CEC_BASELINE: join(dir, 'none.yaml') }, 300_000);
    report = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsReport;
    gateway = ((await (await fetch(`${mock.url}/__mock/health`)).json()) as { gateway: typeof gateway }).gateway;
    records = readExchanges(join(dir, 'exchanges'));
  } finally {
    await mock.stop();
  }
});

test.afterAll(() => {
  if (dir && !process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
});

test(`a gateway throttling per app key (${THROTTLE_RPS} requests/s for the journeys in two workers): 0 failures, exit 0, the throttled answers counted and waited for`, async ({}, testInfo) => {
  await testInfo.attach('summary', { body: run.stdout.split('Findings:')[1] ?? run.stdout.slice(-2000), contentType: 'text/plain' });
  expect(report.findings.filter((f) => f.verdict === 'fail').map((f) => f.signature), 'throttling is no broken rule').toEqual([]);
  expect(report.counts.failed, run.stdout.slice(-3000)).toBe(0);
  expect(run.status).toBe(0);
  expect(gateway.throttled, 'the gateway did throttle the run').toBeGreaterThan(0);
  const throttled = records.filter((r) => r.throttled);
  expect(report.throttled, 'the findings report counts what the records say').toEqual({ count: throttled.length, waitedMs: throttled.reduce((s, r) => s + r.throttled!.waitMs, 0), tests: expect.any(Number) });
  expect(throttled.length).toBe(gateway.throttled);
  expect(run.stdout, 'the terminal summary says it').toMatch(/The gateway's flow control: throttled [0-9]+ times?, waited [0-9]+ s in [0-9]+ tests? \(slowed down and retried; not a finding\)/);
});

test('tokens rotating every 4th call (the old one refused 5 s later), gzip answers, Connection: close: 0 failures, exit 0', () => {
  expect(report.findings.filter((f) => f.verdict === 'fail').map((f) => f.signature), 'a rotation, gzip and closed connections break no rule').toEqual([]);
  expect(report.counts.failed, run.stdout.slice(-3000)).toBe(0);
  expect(run.status).toBe(0);
  expect(gateway.rotated, 'tokens did rotate').toBeGreaterThanOrEqual(3);
  const answered = records.filter((r) => r.response);
  expect(answered.every((r) => r.response!.headers['content-encoding'] === 'gzip' || !r.response!.body), 'every answer with a body was gzipped').toBe(true);
  expect(answered.every((r) => r.response!.headers.connection === 'close')).toBe(true);
});
