// npm run health: the @health subset against the configured tenant (or the embedded mock), as a nightly check.
//
// Runs `playwright test --grep @health` (never @side-effect, never @mock-only) with CEC_HEALTH=1, under which the
// suite's client throttles (CEC_HEALTH_MAX_RPS), times out every request (CEC_HEALTH_TIMEOUT_MS) and retries
// transient failures with backoff (CEC_HEALTH_RETRIES). The run's own reports go to <reports>/health/ (JUnit,
// Playwright JSON, exchange records), so a health check never overwrites a conformance run's reports.
// Writes <reports>/health.json and prints a one-screen summary. Exit 0 healthy; 1 a contract or behaviour is broken;
// 2 the tenant is unreachable, or the configuration is wrong (including refused AK/SK).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, PROJECT_ROOT, type SuiteConfig } from '../src/suite/config.js';
import { readExchanges } from '../src/contract/exchange.js';
import { checksFromReport, countOf, recordsByCheck, stripAnsi, summary, verdictOf, type HealthReport, type JsonReport } from '../src/tools/health/classify.js';
import { withEmbeddedMockCredentials } from '../src/tools/embedded-mock.js';
import { maskText } from '../src/contract/secrets.js';

/** The whole health run may take this long at most (a stuck tenant must not hold the nightly job). */
const GLOBAL_TIMEOUT_MS = 15 * 60_000;

loadDotenv({ quiet: true });
Object.assign(process.env, withEmbeddedMockCredentials(process.env));
const started = Date.now();

function reportsDirOf(env: NodeJS.ProcessEnv): string {
  const raw = env.CEC_REPORTS_DIR?.trim() || 'reports';
  return isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
}

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
  const shown = relative(process.cwd(), path) || path;
  console.log(maskText(summary(JSON.parse(text) as HealthReport, shown.startsWith('..') ? path : shown)));
  process.exit(report.exitCode);
}

let config: SuiteConfig;
try {
  config = loadConfig({ ...process.env, CEC_HEALTH: '1' });
} catch (e) {
  if (e instanceof ConfigError) finish(reportsDirOf(process.env), { verdict: 'misconfigured', exitCode: 2, tenant: process.env.CEC_BASE_URL ?? '(embedded mock)', detail: e.message });
  throw e;
}
const tenant = config.embeddedMock ? `embedded mock tenant (${config.baseUrl})` : config.baseUrl;
const runDir = join(config.reportsDir, 'health');
const pwJson = join(runDir, 'playwright.json');
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });

// The caller's Playwright variables (when this runs inside another Playwright run) would confuse the child run.
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_)/.test(k) && k !== 'CEC_SUITE_ANNOUNCED'));
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const run = spawnSync(process.execPath, [
  cli, 'test', '--grep', '@health', '--grep-invert', '@side-effect|@mock-only',
  '--reporter=json,junit', '--retries=0', `--global-timeout=${GLOBAL_TIMEOUT_MS}`,
], {
  cwd: PROJECT_ROOT,
  env: {
    ...env,
    CEC_HEALTH: '1',
    CEC_ALLOW_SIDE_EFFECTS: '0',
    CEC_REPORTS_DIR: runDir,
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    PLAYWRIGHT_JUNIT_OUTPUT_NAME: join(runDir, 'junit.xml'),
    FORCE_COLOR: '0',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const stderrTail = stripAnsi(run.stderr ?? '').split('\n').filter((l) => l.trim() && !/^CEC conformance suite$|^ {2}\S/.test(l)).slice(-8).join('\n');

if (!existsSync(pwJson)) {
  const detail = `the health run produced no report (playwright exit ${run.status ?? run.signal})${stderrTail ? `:\n${stderrTail}` : ''}`;
  finish(config.reportsDir, { verdict: 'misconfigured', exitCode: 2, tenant, detail, reports: runDir });
}
const report = JSON.parse(readFileSync(pwJson, 'utf8')) as JsonReport;
const records = readExchanges(join(runDir, 'exchanges'));
const checks = checksFromReport(report, recordsByCheck(records));
const globalErrors = (report.errors ?? []).map((e) => e.message ?? '').filter(Boolean);
const { maxRps, retries, requestTimeoutMs } = config.healthPolicy;
finish(config.reportsDir, { ...verdictOf(checks, globalErrors), tenant, checks, policy: { maxRps, retries, requestTimeoutMs }, reports: runDir });
