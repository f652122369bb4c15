// The conformance suite (npm run conformance). Configuration comes from the environment and an optional .env file
// (see .env.example and docs/configuration.md); a missing or contradictory setting stops the run here with one
// ConfigError. Without CEC_BASE_URL the embedded mock tenant is started (global setup, in this process) and used.
import { join } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { config as loadDotenv } from 'dotenv';
import { describeConfig, grepsHealth, loadConfig } from './src/suite/config.js';
import { withEmbeddedMockCredentials } from './products/embedded-mock/credentials.js';
import { credentialVariables, MOCK_DEFAULTS } from './mock/credentials.js';
import type { SuiteOptions } from './fixtures/index.js';

loadDotenv({ quiet: true });
// `--grep @health` is the health check: like `npm run health`, it never signs an agent in (workers inherit this).
if (grepsHealth(process.argv) && !process.env.CEC_HEALTH) process.env.CEC_HEALTH = '1';
// Without CEC_BASE_URL: the embedded mock's credentials, as CEC_* variables the workers and the mock inherit.
Object.assign(process.env, withEmbeddedMockCredentials(process.env));
const suite = loadConfig(process.env);
// Workers inherit the environment: a seed derived from the time here is the seed of every worker.
process.env.CEC_SEED = suite.seed;
// The run's adaptive request rate (src/suite/flow-control.ts) is shared by its workers, and by no other run.
process.env.CEC_RUN_ID ??= `${Date.now()}-${process.pid}`;
if (!process.env.CEC_SUITE_ANNOUNCED) {
  process.env.CEC_SUITE_ANNOUNCED = '1';
  // stderr: stdout may be a machine-read report (--list --reporter=json).
  process.stderr.write(`CEC conformance suite\n${describeConfig(suite).replace(/^/gm, '  ')}\n`);
}

// The embedded mock with the credentials everyone knows (mock/credentials.ts): nothing in a trace is a secret.
const tracesAreSafe = suite.embeddedMock && Object.entries(credentialVariables(MOCK_DEFAULTS)).every(([name, v]) => process.env[name] === v);

const reports = suite.reportsDir; // reports/ unless CEC_REPORTS_DIR says otherwise
// One finding per root cause (reports/findings.json and findings/index.html), the baseline, and the gate's verdict.
const findings: ReporterDescription = ['./products/findings/reporter.ts', {
  reportsDir: reports, baselineFile: suite.baselineFile, tenant: suite.baseUrl, seed: suite.seed, strict: suite.strict,
  skipRules: suite.skipRules, requireCoverage: suite.requireCoverage, target: suite.target,
}];
// A shard of a sharded run (CEC_SHARD_BLOB=1 npx playwright test --shard=i/n) writes a blob report (and its own
// JUnit); `npm run report:merge` turns the shards' blobs into the one HTML report, JUnit file and Allure report.
const shard = process.env.CEC_SHARD_BLOB === '1';
const reporters: ReporterDescription[] = shard
  ? [['list'], ['junit', { outputFile: join(reports, 'junit.xml') }], ['blob', { outputDir: join(reports, 'blob') }], findings]
  : [
    ['list'],
    ['html', { outputFolder: join(reports, 'html'), open: 'never' }],
    ['junit', { outputFile: join(reports, 'junit.xml') }],
    ['allure-playwright', { resultsDir: join(reports, 'allure-results') }],
    findings,
  ];

export default defineConfig<SuiteOptions>({
  testDir: 'tests',
  outputDir: 'test-results',
  // Without CEC_BASE_URL the embedded mock starts first, in this process (products/embedded-mock/global-setup.ts); then the
  // suite's own setup: reachability, the AK/SK, the shared token.
  globalSetup: ['./products/embedded-mock/global-setup.ts', './fixtures/global-setup.ts'],
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // The run's overall deadline (CEC_RUN_DEADLINE_S): past it the run stops with what it has and says so.
  globalTimeout: suite.runDeadlineS * 1000,
  // 2 against the embedded mock (CPU bound on 2 cores); more where round trips bound the run (CEC_WORKERS).
  workers: suite.workers,
  retries: 0,
  timeout: suite.testTimeoutMs,
  expect: { timeout: Math.max(10_000, suite.replyTimeoutMs) },
  reporter: reporters,
  use: {
    target: suite.target,
    replyTimeoutMs: suite.replyTimeoutMs,
    ignoreHTTPSErrors: suite.insecureTls,
    // A failing test's API calls open in Playwright's trace viewer (kept only on failure). Playwright records them as
    // sent, unmasked (AK/SK, tokens, Guids): so only against the embedded mock with its published credentials; elsewhere
    // the masked http-exchanges and curl attachments say it. Without the test's sources (every test wrote them; the
    // HTML report shows the failing line): a whole run against the mock takes 0.85x the CPU (docs/benchmarks.md). No
    // page: no snapshots or screenshots to take.
    trace: tracesAreSafe ? { mode: 'retain-on-failure', sources: false, snapshots: false, screenshots: false } : 'off',
  },
  // The @smoke tests first: when they fail, the tenant is broken in a way every other test would only repeat, so the
  // rest is not run (the findings name the smoke finding). The health check runs the same way. Faults a test injects
  // into the mock hit only its own client (X-Mock-Client), so every test runs in parallel with every other.
  projects: [
    // A handful of quick tests in one worker: a second is a process of its own whose start costs more than it saves
    // (a whole run against the embedded mock: 7 % less CPU, the same wall time; docs/benchmarks.md).
    { name: 'smoke', grep: /@smoke/, workers: 1 },
    { name: 'conformance', grepInvert: /@smoke/, dependencies: ['smoke'] },
  ],
});
