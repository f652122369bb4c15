// The suite benchmark's figures (products/bench/figures.ts, waits.ts, replay.ts) on a recorded tiny run, and on
// hand-made records where a rule needs a sharp case. No benchmark runs here.
//
// selftest/bench/tiny-run/ is what `npm run bench:suite -- --scenarios=conformance:mock --mutation=token-expires-number
// --grep="tokenByAkSk issues a Bearer|agent: transfer|robot: connect"` left in reports/bench-suite/conformance-mock/
// on the code at ab28ea6 (run.json, timing.jsonl, exchanges/; playwright.json without its attachments; local paths
// replaced by /project/): three tests, the token test failing against the mutant, a transfer to the agent, three
// worker starts. It is data: the suite has changed since, the figures of this run have not.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import { MOCK_DEFAULTS } from '../../mock/credentials.js';
import { computeFigures, saidOf, testsFromReport, workerFigures, type PwReport, type TestRun } from '../../products/bench/figures.js';
import { figuresOfRunDir, readRun, type MeasuredBeside } from '../../products/bench/run-dir.js';
import { replay } from '../../products/bench/replay.js';
import { markdownTable } from '../../products/bench/table.js';
import { pollLoops, waitsOf, type WaitRecord } from '../../products/bench/waits.js';

const TINY = join(import.meta.dirname, 'tiny-run');
const measured = (): MeasuredBeside => JSON.parse(readFileSync(join(TINY, 'run.json'), 'utf8')) as MeasuredBeside;
const recordLines = (): ExchangeRecord[] => readdirSync(join(TINY, 'exchanges')).flatMap((f) =>
  readFileSync(join(TINY, 'exchanges', f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExchangeRecord));

test.describe('figures of a recorded tiny run', () => {
  test('counts, start-up, workers, waits and the floor come from the run\'s own files', () => {
    const f = figuresOfRunDir(TINY);
    const m = measured();
    const records = recordLines();
    const report = JSON.parse(readFileSync(join(TINY, 'playwright.json'), 'utf8')) as PwReport;
    const fromReport = testsFromReport(report);

    expect(f).toMatchObject({ scenario: 'conformance:mock', command: 'conformance', exitCode: 1, wallMs: m.run.wallMs });
    expect(f.tests).toEqual({ planned: 3, done: 3, passed: 2, failed: 1, skipped: 0 });
    expect(f.said).toMatch(/^1 failed, 2 passed \([0-9.]+s\) — first: Error: expect\(response\)\.toMatchContract\('tokenByAkSk'\)/);

    // The timeline: config loaded, then onBegin (after the web server and global setup), then the first test.
    expect(f.startup.configLoadedMs!).toBeLessThan(f.startup.beginMs!);
    expect(f.startup.beginMs!).toBeLessThan(f.startup.firstTestMs!);
    expect(f.startup.ms).toBe(f.startup.firstTestMs);
    expect(f.startup.mockReadyMs).toBe(m.mockReadyAt! - m.run.startedAt);
    expect(f.startup.mockStartMs).toBe(m.mockStartMs);
    expect(f.firstFailureMs!).toBeLessThan(f.wallMs);

    // Σ test durations as the JSON report has them; every exchange record counted once.
    expect(f.testSumMs).toBe(Math.round(fromReport.reduce((s, t) => s + t.durationMs, 0)));
    expect(f.requests.count).toBe(records.length);
    expect(f.requests.count).toBe(31);
    // A failed test costs its worker: three worker processes for three tests in two lanes.
    expect(f.workers).toMatchObject({ starts: 3, lanes: 2 });
    expect(f.workers.starts).toBe(readdirSync(join(TINY, 'exchanges')).length);
    expect(f.workers.restartGapMs!).toBeGreaterThan(0);
    expect(f.workers.workerFixtureMs!).toBeGreaterThan(0);
    expect(f.fixtures!.map((x) => x.name)).toContain('config');

    // One transfer to the agent, waited for in a poll loop.
    expect(f.waits).toMatchObject({ transfers: 1, awaitedTransfers: 1, pickupMs: 300, imposedMs: 300, retryAfterMs: 0 });
    expect(f.waits.loops).toBeGreaterThanOrEqual(1);
    expect(f.waits.idleMs).toBeLessThanOrEqual(f.waits.waitMs);

    // The floor: requests × the replay's median + the imposed waits; each figure as a ratio to it.
    expect(f.floor.medianFrom).toBe('replay');
    expect(f.floor.medianMs).toBe(m.replay!.medianMs);
    expect(f.floor.requestsMs).toBe(Math.round(31 * m.replay!.medianMs!));
    expect(f.floor.ms).toBe(Math.round(31 * m.replay!.medianMs! + 300));
    const floor = 31 * m.replay!.medianMs! + 300;
    expect(f.ratios.wall).toBe(Math.round((m.run.wallMs / floor) * 10) / 10);
    expect(f.ratios.tests).toBe(Math.round((f.testSumMs / floor) * 10) / 10);
    expect(f.ratios.wallToReplay).toBe(Math.round((m.run.wallMs / m.replay!.ms) * 10) / 10);
    expect(f.floor.rateMs).toBeUndefined(); // not a health run: no throttle
  });

  test('without timing events (a health run), the JSON report gives the same tests and workers', () => {
    const left = readRun(TINY, 'conformance');
    const withTiming = computeFigures({ ...measured(), ...left });
    const without = computeFigures({ ...measured(), ...left, timing: [] });
    expect(without.tests).toEqual(withTiming.tests);
    expect(without.testSumMs).toBe(withTiming.testSumMs);
    expect(without.workers.starts).toBe(withTiming.workers.starts);
    // Playwright's durations leave out the worker fixtures' setup: seen from the JSON report alone, it is in the gaps.
    expect(without.workers.restartGapMs!).toBeGreaterThan(withTiming.workers.restartGapMs!);
    expect(without.fixtures).toBeUndefined();
  });

  test('a killed run with nothing but exchange records: workers from the record files, floor from the records', () => {
    const left = readRun(TINY, 'conformance');
    const m = measured();
    const f = computeFigures({ ...m, run: { ...m.run, killedAtS: 120, exitCode: null, output: '' }, replay: undefined, records: left.records, exchangeFiles: left.exchangeFiles });
    expect(f.killedAtS).toBe(120);
    expect(f.said).toBe('killed at 120 s; 0 tests done');
    expect(f.workers.starts).toBe(3);
    expect(f.floor.medianFrom).toBe('records');
    expect(f.tailMs).toBeUndefined();
    expect(markdownTable([f])).toContain('| conformance:mock | – | killed at 120 s | killed at 120 s; 0 tests done |');
  });

  test('the replay puts the masked secrets back and sends every request of the suite', async () => {
    const seen: Array<{ path: string; auth?: string; token?: string; guid?: string; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => {
        const path = new URL(req.url!, 'http://x').pathname;
        seen.push({ path, auth: req.headers.authorization, token: req.headers['ccmessaging-token'] as string | undefined, guid: req.headers.guid as string | undefined, body });
        const answer = path.endsWith('/tokenByAkSk') ? { AccessToken: 'fabric-1' }
          : path.endsWith('/applyToken') ? { resultCode: '0', token: `cc-${(JSON.parse(body) as { userId: string }).userId}` } : { resultCode: '0' };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const records = recordLines();
      const r = await replay(records, { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, credentials: MOCK_DEFAULTS, concurrency: 2 });
      expect(r).toMatchObject({ requests: records.length, concurrency: 2, sameStatus: records.length });
      expect(seen.length).toBe(records.length + 1); // + the replay's own first token
      for (const x of seen) {
        if (x.path.endsWith('/tokenByAkSk')) expect(JSON.parse(x.body)).toMatchObject({ app_secret: MOCK_DEFAULTS.appSecret });
        if (x.auth !== undefined) expect(x.auth).toBe('Bearer fabric-1');
        if (x.token !== undefined) expect(x.token).toMatch(/^cc-/);
        if (x.guid !== undefined) expect(x.guid).toBe(MOCK_DEFAULTS.agentGuid);
      }
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const rec = (test: string, at: number, operationId: string, extra: Partial<WaitRecord> = {}): WaitRecord => ({
  startedAt: new Date(T0 + at).toISOString(), durationMs: 5, operationId, method: operationId === 'poll' ? 'GET' : 'POST',
  url: operationId === 'poll' ? 'http://t/apiaccess/ccmessaging/poll?receiverId=u1&channel=WEB' : `http://t/apiaccess/ccmessaging/${operationId}`,
  status: 200, resultCode: '0', test: { file: 'f.spec.ts', title: test, titlePath: [test], project: 'p', tags: [], retry: 0 }, ...extra,
});
const poll = (test: string, at: number, receiver = 'u1'): WaitRecord => rec(test, at, 'poll', { url: `http://t/apiaccess/ccmessaging/poll?receiverId=${receiver}&channel=WEB` });

test.describe('waits from exchange records', () => {
  test('a poll loop waits from its first poll to the end of its last; one poll, a break or a long gap is no loop', () => {
    const records = [
      rec('a', 0, 'send', { request: { body: { controlType: 'TRANS2AGENT', from: 'u1' } } }),
      poll('a', 10), poll('a', 270), poll('a', 650), // the inbox backing off until the agent came
      poll('a', 4_000), // 3 s later: a test sleeping on purpose, not a wait for a reply
      rec('a', 4_100, 'send'), poll('a', 4_200), rec('a', 4_300, 'send'), poll('a', 4_400), // requests between polls
    ];
    expect(pollLoops(records).map((l) => l.polls)).toEqual([3, 1, 1, 1]);
    expect(waitsOf(records)).toMatchObject({ loops: 1, polls: 3, waitMs: 645, idleMs: 630, transfers: 1, awaitedTransfers: 1 });
  });

  test('two customers polled side by side are two loops; a transfer never waited on imposes nothing', () => {
    const records = [
      rec('b', 0, 'send', { request: { body: { controlType: 'TRANS2AGENT', from: 'x' } } }),
      rec('b', 1, 'send', { request: { body: { controlType: 'TRANS2AGENT', from: 'x' } } }), // the same customer again
      poll('c', 0, 'alice'), poll('c', 1, 'bob'), poll('c', 300, 'alice'), poll('c', 301, 'bob'),
    ];
    expect(waitsOf(records)).toMatchObject({ loops: 2, polls: 4, transfers: 1, awaitedTransfers: 0 });
  });

  test('Retry-After counts when the request was repeated, not on the last answer', () => {
    const busy = { status: 503, resultCode: undefined, response: { headers: { 'retry-after': '1' } } };
    const records = [rec('d', 0, 'send', busy), rec('d', 1_000, 'send', busy), rec('d', 2_000, 'send', busy)];
    expect(waitsOf(records)).toMatchObject({ retryAfterMs: 2_000, retriedAfter: 2 });
  });
});

test.describe('workers and what a run said', () => {
  const run = (workerIndex: number, parallelIndex: number, startTime: number, durationMs: number): TestRun =>
    ({ title: 't', workerIndex, parallelIndex, status: 'passed', startTime, durationMs, endTime: startTime + durationMs });

  test('a restart gap is the time between two tests of a lane whose worker changed', () => {
    const w = workerFigures([run(0, 0, 0, 100), run(0, 0, 150, 100), run(2, 0, 1_250, 100), run(1, 1, 0, 500)]);
    expect(w).toEqual({ starts: 3, lanes: 2, restartGapMs: 1_000, betweenTestsMs: 50 });
    expect(workerFigures([], ['worker-0-11.jsonl', 'worker-1-12.jsonl', 'worker-2-13.jsonl', 'notes.txt'])).toEqual({ starts: 3, lanes: 0 });
  });

  test('a health run says its verdict and its first reason; one that printed nothing says so', () => {
    const output = 'CEC tenant health: BROKEN (exit 1) — http://t, 154.0 s\n  at most 5 requests/s\n\n  check  median\n  FAIL tokens › x   26   26   1\n       tokenByAkSk did not issue a token (HTTP 502)\n';
    const outcome = { exitCode: 1, startedAt: 0, wallMs: 1, output };
    expect(saidOf({ command: 'health', run: outcome }, [])).toBe('CEC tenant health: BROKEN (exit 1) — http://t, 154.0 s — tokenByAkSk did not issue a token (HTTP 502)');
    expect(saidOf({ command: 'health', run: { ...outcome, output: '', killedAtS: 120 } }, [])).toBe('killed at 120 s; printed nothing');
  });
});
