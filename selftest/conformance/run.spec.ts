// The conformance statement of real runs, end to end: two runs against the same mock with the same seed give the same
// statement rule by rule; the page opens from disk in Chromium and shows the counts of conformance.json (screenshot:
// reports/screenshots/conformance.png); a tenant run that cannot reach what the mock reaches (no agent configured)
// says so, green, and fails with CEC_REQUIRE_COVERAGE=1; and a red run against a mock whose applyToken fails now and
// then (every step after it fails too) has findings that each name a rule of the inventory or say "unexplained", no
// two with the same rule and observation. Each run is as big as its claim: the statement and its determinism read the
// contract tests and the journeys (the journeys are where timing could change a verdict); the lost coverage needs
// only the tests that reach the agent's delivery on the mock; the flaky applyToken only enough tests to fail several.
// One worker (CEC_WORKERS=1) where parallelism is not the point: each worker process costs its start (the contract
// compiled, the fixtures loaded), more than these short runs gain from a second one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { contract } from '../../src/contract/contract.js';
import { inventoryOf } from '../../src/contract/inventory.js';
import type { ConformanceStatement } from '../../products/conformance/statement.js';
import type { FindingsReport } from '../../products/findings/model.js';
import { pagesFromDisk, playwrightTest, runNode, SCREENSHOTS, startMock, suiteEnv, type Finished, type RunningMock } from '../reports/helpers.js';

test.describe.configure({ mode: 'serial' });

/** The tests of the statement's runs: every operation's contract test and the journeys (a few seconds each run). */
const TESTS = ['tests/contract', 'tests/e2e'];
/** The lost-coverage runs: the agent's contract tests (they reach sendMessage.agent-delivery on the mock,
 *  conformance-reference.json; without an agent configured they are skipped). */
const AGENT_TESTS = ['tests/contract/agent.spec.ts'];
/** The flaky applyToken's run: a dozen contract tests, each applying for one token, in one worker (a fixed order):
 *  every third applyToken fails, so four tests fail (each failure costs a new worker process, hence not more). */
const FLAKY_TESTS = ['tests/contract/messaging.spec.ts', 'tests/contract/files.spec.ts'];
let root: string;
let mock: RunningMock;
const runs: Record<string, Finished> = {};

const dirOf = (name: string): string => join(root, name);
const statementOf = (name: string): ConformanceStatement => JSON.parse(readFileSync(join(dirOf(name), 'conformance.json'), 'utf8')) as ConformanceStatement;
const findingsOf = (name: string): FindingsReport => JSON.parse(readFileSync(join(dirOf(name), 'findings.json'), 'utf8')) as FindingsReport;
const run = async (name: string, url: string, tests: string[], extra: NodeJS.ProcessEnv = {}, drop: string[] = []): Promise<Finished> => {
  const env: NodeJS.ProcessEnv = { ...suiteEnv(url), CEC_REPORTS_DIR: dirOf(name), CEC_SEED: '26', CEC_WORKERS: '1', ...extra };
  for (const k of drop) delete env[k];
  runs[name] = await runNode(playwrightTest('--no-deps', ...tests, `--output=${join(dirOf(name), 'test-results')}`), env, 300_000);
  return runs[name];
};

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(400_000);
  root = mkdtempSync(join(tmpdir(), 'cec-conformance-'));
  // The agent takes a queued session after 1.5 s: the agent journey's queue query always finds the customer queued
  // (with the default 100 ms it races the pick-up, and the answer, so the statement, depends on timing).
  mock = await startMock({ MOCK_AGENT_DELAY_MS: '1500' });
  // The first run in one worker, the second in two: the statement depends on the seed and the tenant, not on how
  // many workers ran the tests or in what order they finished.
  await run('first', mock.url, TESTS);
  await run('second', mock.url, TESTS, { CEC_WORKERS: '2' });
});

test.afterAll(async () => {
  await mock?.stop();
  if (root && !process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(root, { recursive: true, force: true });
});

test('a run writes its statement: every rule of the inventory, a summary line, JUnit, links from the findings page', () => {
  expect(runs.first.status, runs.first.stdout.slice(-2000)).toBe(0);
  const s = statementOf('first');
  expect(s.rules.length).toBe(inventoryOf(contract()).rules.length);
  expect(s.counts.refuse.verified).toBeGreaterThan(100);
  expect(s.counts.refuse.failed).toBe(0);
  expect(runs.first.stdout).toMatch(/Rules: verified \d+ of \d+ refuse rules; .* without a check/);
  expect(readFileSync(join(dirOf('first'), 'conformance-junit.xml'), 'utf8')).toMatch(/<testcase classname="conformance\.poll" name="poll\.delivered-once">/);
  expect(readFileSync(join(dirOf('first'), 'findings', 'index.html'), 'utf8')).toContain('href="../conformance/index.html"');
});

test('two runs against the same mock with the same seed give the same statement, rule by rule (one worker, then two)', () => {
  const verdicts = (name: string): string[] => statementOf(name).rules.map((r) => `${r.id} ${r.status} ${r.reason ?? ''}`);
  expect(verdicts('second')).toEqual(verdicts('first'));
});

test.describe('the page', () => {
  const pages = pagesFromDisk();
  test('the conformance page opened from disk in Chromium shows the counts of conformance.json, refuse rules first', async () => {
    const s = statementOf('first');
    const page = await pages.open(join(dirOf('first'), 'conformance', 'index.html'), 1200);
    await expect(page.locator('[data-count="refuse-verified"]')).toHaveText(String(s.counts.refuse.verified));
    await expect(page.locator('[data-count="refuse-no-check"]')).toHaveText(String(s.counts.refuse['no-check']));
    await expect(page.locator('h2').first()).toHaveText(/Refuse rules/);
    await expect(page.locator('tr[data-rule="poll.delivered-once"]')).toHaveAttribute('data-status', 'verified');
    await page.screenshot({ path: join(SCREENSHOTS, 'conformance.png'), fullPage: false });
  });
});

test('a tenant run that cannot reach what the mock reaches says so and stays green; CEC_REQUIRE_COVERAGE=1 fails it', async ({}, testInfo) => {
  testInfo.setTimeout(400_000);
  const agentless = ['CEC_AGENT_GATEWAY_URL', 'CEC_AGENT_ID', 'CEC_AGENT_GUID', 'CEC_AGENT_PASSWORD', 'CEC_AGENT_PHONE'];
  const green = await run('agentless', mock.url, AGENT_TESTS, {}, agentless);
  expect(green.status, green.stdout.slice(-2000)).toBe(0);
  const s = statementOf('agentless');
  expect(s.lostCoverage).toContain('sendMessage.agent-delivery');
  expect(s.rules.find((r) => r.id === 'sendMessage.agent-delivery')).toMatchObject({ status: 'not-reached', lostCoverage: true, reason: expect.stringContaining('its tests were skipped: agent steps need CEC_AGENT_GATEWAY_URL') });
  expect(green.stdout).toMatch(/refuse rule\(s\) the embedded mock reaches were not reached on this tenant \(the gate stays green/);
  expect(readFileSync(join(dirOf('agentless'), 'conformance-junit.xml'), 'utf8')).toMatch(/name="sendMessage\.agent-delivery"><skipped message="not reached: not reached on this tenant/);
  const red = await run('agentless-required', mock.url, AGENT_TESTS, { CEC_REQUIRE_COVERAGE: '1' }, agentless);
  expect(red.status, red.stdout.slice(-2000)).toBe(1);
  expect(findingsOf('agentless-required').gate).toMatchObject({ passed: false, reason: expect.stringContaining('CEC_REQUIRE_COVERAGE=1') });
});

test('a mock whose applyToken fails now and then: every failing finding names a rule of the inventory or says "unexplained", one per rule and observation', async ({}, testInfo) => {
  testInfo.setTimeout(400_000);
  const flaky = await startMock({ MOCK_MUTATION: 'applytoken-now-and-then' });
  try {
    const r = await run('flaky', flaky.url, FLAKY_TESTS);
    expect(r.status, r.stdout.slice(-2000)).toBe(1);
  } finally {
    await flaky.stop();
  }
  const report = findingsOf('flaky');
  const inventory = inventoryOf(contract());
  const fails = report.findings.filter((f) => f.verdict === 'fail');
  expect(report.counts.failed, 'many tests failed').toBeGreaterThanOrEqual(3);
  for (const f of fails) expect(f.ruleId ? inventory.has(f.ruleId) : f.rule.startsWith('unexplained'), `${f.signature}: ${f.rule}`).toBe(true);
  const keys = fails.map((f) => `${f.ruleId ?? 'unexplained'} ${f.signature}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(fails.filter((f) => f.ruleId === 'applyToken.exchange.refuses-valid').map((f) => f.signature)).toEqual(['applyToken refuses-valid HTTP 200 result code 1']);
  expect(statementOf('flaky').rules.find((x) => x.id === 'applyToken.exchange.refuses-valid')).toMatchObject({ status: 'failed' });
});
