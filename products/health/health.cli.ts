// npm run health: the @health subset against the configured tenant (or the embedded mock), as a nightly check.
//
// Runs `playwright test --grep @health` (never @side-effect, never @mock-only) with CEC_HEALTH=1, under which the
// suite's client throttles (CEC_HEALTH_MAX_RPS), times out every request (CEC_HEALTH_TIMEOUT_MS) and retries
// transient failures with backoff (CEC_HEALTH_RETRIES). The run's own reports go to <reports>/health/ (JUnit,
// Playwright JSON and HTML, Allure, exchange records; health.config.ts), so a health check never overwrites a
// conformance run's reports.
// Writes <reports>/health.json, adds the night to the history (<reports>/health-history/), builds the run's Allure
// report with Allure's history and the health page <reports>/health/index.html, and prints a one-screen summary.
// Exit 0 healthy; 1 a contract or behaviour is broken; 2 the tenant is unreachable, or the configuration is wrong
// (including refused AK/SK).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, DEFAULT_HEALTH_HISTORY_NIGHTS, loadConfig, PROJECT_ROOT, type SuiteConfig } from '../../src/suite/config.js';
import { readExchanges } from '../../src/contract/exchange.js';
import { checksFromReport, countOf, recordsByCheck, stripAnsi, summary, verdictOf, type HealthReport, type JsonReport, verdictWithFindings, type RunFindingsSummary } from './classify.js';
import { latencyByOperation } from './latency.js';
import { recordNight } from './night.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { maskText } from '../../src/contract/secrets.js';

/** The whole health run may take this long at most (a stuck tenant must not hold the nightly job). */
const GLOBAL_TIMEOUT_MS = 15 * 60_000;

loadDotenv({ quiet: true });
Object.assign(process.env, withEmbeddedMockCredentials(process.env));
const started = Date.now();

function reportsDirOf(env: NodeJS.ProcessEnv): string {
  const raw = env.CEC_REPORTS_DIR?.trim() || 'reports';
  return isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
}

let config: SuiteConfig | undefined;

function finish(reportsDir: string, over: Partial<HealthReport>): never {
  const checks = over.checks ?? [];
  const report: HealthReport = {
    verdict: 'healthy', exitCode: 0, tenant: '', startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    counts: countOf(checks), checks, ...over,
  };
  // Nothing unmasked leaves: error texts may quote a request.
  const text = maskText(`${JSON.stringify(report, null, 2)}\n`);
  mkdirSync(reportsDir, { recursive: true });
  const path = join(reportsDir, 'health.json');
  writeFileSync(path, text);
  const show = (p: string): string => {
    const r = relative(process.cwd(), p) || p;
    return r.startsWith('..') ? p : r;
  };
  const masked = JSON.parse(text) as HealthReport;
  console.log(maskText(summary(masked, show(path))));
  // The history and the page never change the verdict: a failure here is reported, the exit code stays.
  try {
    const night = recordNight({ reportsDir, runDir: join(reportsDir, 'health'), report: masked, seed: config?.seed, keep: config?.healthHistoryNights ?? DEFAULT_HEALTH_HISTORY_NIGHTS });
    for (const p of night.problems) console.log(maskText(`  note: ${p}`));
    console.log(`  page:    ${show(night.page)} (${night.nights.length} night${night.nights.length > 1 ? 's' : ''} of history)`);
  } catch (e) {
    console.log(maskText(`  note: the history and the health page could not be written: ${e instanceof Error ? e.message : String(e)}`));
  }
  process.exit(report.exitCode);
}

function configOrFinish(): SuiteConfig {
  try {
    return loadConfig({ ...process.env, CEC_HEALTH: '1' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // A night of its own: the previous run's reports must not pass for tonight's on the page.
    rmSync(join(reportsDirOf(process.env), 'health'), { recursive: true, force: true });
    return finish(reportsDirOf(process.env), { verdict: 'misconfigured', exitCode: 2, tenant: process.env.CEC_BASE_URL ?? '(embedded mock)', detail: e.message });
  }
}
const suite = configOrFinish();
config = suite;
const tenant = suite.embeddedMock ? `embedded mock tenant (${suite.baseUrl})` : suite.baseUrl;
const runDir = join(suite.reportsDir, 'health');
const pwJson = join(runDir, 'playwright.json'); // health.config.ts writes it
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });

// The caller's Playwright variables (when this runs inside another Playwright run) would confuse the child run.
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_)/.test(k) && k !== 'CEC_SUITE_ANNOUNCED'));
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const run = spawnSync(process.execPath, [
  cli, 'test', '--config', join(PROJECT_ROOT, 'health.config.ts'), '--grep', '@health', '--grep-invert', '@side-effect|@mock-only',
  '--retries=0', `--global-timeout=${GLOBAL_TIMEOUT_MS}`,
], {
  cwd: PROJECT_ROOT,
  env: {
    ...env,
    CEC_HEALTH: '1',
    CEC_ALLOW_SIDE_EFFECTS: '0',
    // The suite's own reporters (health.config.ts), not a shard's blob.
    CEC_SHARD_BLOB: '0',
    CEC_REPORTS_DIR: runDir,
    // The seed the history records is the one the run used.
    CEC_SEED: suite.seed,
    FORCE_COLOR: '0',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const stderrTail = stripAnsi(run.stderr ?? '').split('\n').filter((l) => l.trim() && !/^CEC conformance suite$|^ {2}\S/.test(l)).slice(-8).join('\n');

if (!existsSync(pwJson)) {
  const detail = `the health run produced no report (playwright exit ${run.status ?? run.signal})${stderrTail ? `:\n${stderrTail}` : ''}`;
  finish(suite.reportsDir, { verdict: 'misconfigured', exitCode: 2, tenant, detail, reports: runDir });
}
const report = JSON.parse(readFileSync(pwJson, 'utf8')) as JsonReport;
const records = readExchanges(join(runDir, 'exchanges'));
const checks = checksFromReport(report, recordsByCheck(records));
const globalErrors = (report.errors ?? []).map((e) => e.message ?? '').filter(Boolean);
const { maxRps, retries, requestTimeoutMs } = suite.healthPolicy;
const findingsFile = join(runDir, 'findings.json');
const findings = existsSync(findingsFile) ? JSON.parse(readFileSync(findingsFile, 'utf8')) as RunFindingsSummary : undefined;
finish(suite.reportsDir, { ...verdictWithFindings(verdictOf(checks, globalErrors), findings), tenant, checks, policy: { maxRps, retries, requestTimeoutMs }, reports: runDir, operations: latencyByOperation(records) });
