// npm run health: the @health subset against the configured tenant (or the embedded mock), as a nightly check.
//
// Runs `playwright test --grep @health` (never @side-effect, never @mock-only) with CEC_HEALTH=1, under which the
// suite's client throttles (CEC_HEALTH_MAX_RPS), times out every request (CEC_HEALTH_TIMEOUT_MS) and retries
// transient failures with backoff (CEC_HEALTH_RETRIES). The run's own reports go to <reports>/health/ (JUnit,
// Playwright JSON and HTML, Allure, exchange records; health.config.ts), so a health check never overwrites a
// conformance run's reports.
// Writes <reports>/health.json, adds the night to the history (<reports>/health-history/), builds the run's Allure
// report with Allure's history and the health page <reports>/health/index.html, and prints a one-screen summary.
// Then, like a monitor: a check that failed is retried once (failed-then-passed is flaky, never a failure); checks on
// the quarantine list (health-quarantine.yaml) are shown, not judged; each operation's p95/p99 and error rate are
// judged against its budget (health-budgets.yaml: degraded warns, fail fails); the tenant's TLS certificate is read
// (a warning when it ends within CEC_HEALTH_CERT_DAYS); and an alert is posted to CEC_HEALTH_WEBHOOK_URL when the
// policy says so (products/health/alerts.ts). A failed post is reported, never changes the verdict or exit code.
// `--write-budgets` writes the budgets file from tonight's figures (a healthy night only). `--grep <regex>` runs only
// the @health checks whose title also matches (a partial night: health.json, the summary, the history and the page
// say so, so it is never taken for a whole health check).
// Exit 0 healthy or degraded; 1 a contract or behaviour is broken (or over a budget's fail level); 2 the tenant is
// unreachable, the configuration is wrong (including refused AK/SK), or the gateway kept throttling past the retry
// budget (THROTTLED: nothing was judged).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, PROJECT_ROOT, type SuiteConfig } from '../../src/suite/config.js';
import { readExchanges } from '../../src/contract/exchange.js';
import { checksFromReport, throttleCountOf, countOf, recordsByCheck, stripAnsi, summary, verdictOf, type HealthReport, type JsonReport, verdictWithFindings, type RunFindingsSummary } from './classify.js';
import { latencyByOperation } from './latency.js';
import { recordNight } from './night.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { maskText } from '../../src/contract/secrets.js';
import { caEnvironment } from '../../src/suite/network.js';
import { historyKey } from './history.js';
import { parseArgs } from 'node:util';
import { alertNight, type AlertOutcome } from './alerts.js';
import { budgetTenant, deriveBudgets, judgeBudgets, readBudgets, verdictWithBudgets, writeBudgets, type BudgetJudgement } from './budgets.js';
import { readCertificates } from './certificate.js';
import { applyQuarantine, readQuarantine } from './quarantine.js';
import { healthSettings, HealthSettingsError, type HealthSettings } from './settings.js';

const USAGE = `Usage: npm run health [-- --mock] [-- --write-budgets] [-- --grep <regex>]

Runs the @health subset against the tenant of CEC_BASE_URL as a nightly check: its verdict in <reports>/health.json,
tonight added to the tenant's history and the health page <reports>/health/index.html.
  --mock            check the embedded mock tenant on purpose (as CEC_TARGET=mock); without it a missing
                    CEC_BASE_URL is a configuration error: a health check is meant for a tenant
  --write-budgets   after a healthy night, write the latency budgets file (CEC_HEALTH_BUDGETS, default
                    health-budgets.yaml) from tonight's figures
  -g, --grep <regex>
                    only the @health checks whose title (file, describe blocks, test title, tags) also matches
                    <regex> (case-insensitive, as Playwright's --grep): a partial night, marked as one in
                    health.json (grep), the summary, the history and the health page
  -h, --help        this text; nothing is run
Exit 0 healthy or degraded, 1 broken, 2 unreachable or misconfigured. See docs/configuration.md.`;
let flags: { 'write-budgets'?: boolean; mock?: boolean; help?: boolean; grep?: string };
try {
  flags = parseArgs({ options: { 'write-budgets': { type: 'boolean' }, mock: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, grep: { type: 'string', short: 'g' } }, strict: true, allowPositionals: false }).values;
  if (flags.grep !== undefined) {
    if (!flags.grep.trim()) throw new Error('--grep needs a regular expression');
    try {
      new RegExp(flags.grep, 'i');
    } catch (e) {
      throw new Error(`--grep: ${(e as Error).message}`);
    }
  }
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

/** The whole health run may take this long at most (a stuck tenant must not hold the nightly job). */
const GLOBAL_TIMEOUT_MS = 15 * 60_000;
/** Tonight's filter (--grep): a partial night says so wherever the night is shown. */
const partial: Partial<HealthReport> = flags.grep !== undefined ? { grep: flags.grep } : {};


loadDotenv({ quiet: true });
// The health check is a tenant's: the tenant guard treats a missing CEC_BASE_URL as an error unless --mock asks.
process.env.CEC_HEALTH = '1';
if (flags.mock) process.env.CEC_TARGET = 'mock';
// And the private CA, which Node reads only at a process's start: the health run's processes start with it.
Object.assign(process.env, caEnvironment(withEmbeddedMockCredentials(process.env)));
const started = Date.now();

function reportsDirOf(env: NodeJS.ProcessEnv): string {
  const raw = env.CEC_REPORTS_DIR?.trim() || 'reports';
  return isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
}

let config: SuiteConfig | undefined;
let settings: HealthSettings | undefined;
/** Tonight's budgets, for the page and --write-budgets. */
let budgetJudgement: BudgetJudgement | undefined;

async function finish(reportsDir: string, over: Partial<HealthReport>, record = true): Promise<never> {
  const checks = over.checks ?? [];
  const report: HealthReport = {
    verdict: 'healthy', exitCode: 0, tenant: '', startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    counts: countOf(checks), checks, ...partial, ...over,
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
  // A run that names no valid tenant (a configuration error) belongs to no tenant's history: no night is added.
  if (!record || !config) {
    console.log('  history: unchanged (a configuration error is no night of any tenant)');
    process.exit(report.exitCode);
  }
  // The history, the page and the alert never change the verdict: a failure here is reported, the exit code stays.
  try {
    const s = settings;
    const policy = s ? `an alert after ${s.alertAfter} red night${s.alertAfter === 1 ? '' : 's'} in a row (CEC_HEALTH_ALERT_AFTER), a reminder every ${s.remindAfter} more (CEC_HEALTH_REMIND_AFTER), on recovery, on a first degraded night and on a new certificate warning; never for a flaky or quarantined check.` : '';
    const night = recordNight({
      reportsDir, runDir: join(reportsDir, 'health'), report: masked, seed: config.seed, keep: config.healthHistoryNights, key: historyKey(config),
      page: { budgets: budgetJudgement, quarantine: masked.quarantine, certDays: s?.certDays, ...(s ? { alert: { policy, webhook: !!s.webhookUrl } } : {}) },
    });
    for (const p of night.problems) console.log(maskText(`  note: ${p}`));
    console.log(`  page:    ${show(night.page)} (${night.nights.length} night${night.nights.length > 1 ? 's' : ''} of history)`);
    if (s) {
      let alert: AlertOutcome;
      try {
        alert = await alertNight(night.nights, { ...s, format: s.webhookFormat, page: s.pageUrl ?? night.page });
      } catch (e) {
        alert = { state: 'failed', reasons: [], error: e instanceof Error ? e.message : String(e), text: `FAILED: ${e instanceof Error ? e.message : String(e)}` };
      }
      console.log(maskText(`  alert:   ${alert.text}`));
      if (alert.state === 'failed') console.error(maskText(`health: the alert could not be posted: ${alert.error ?? alert.text} (the night's verdict stands)`));
      writeFileSync(path, maskText(`${JSON.stringify({ ...masked, alert }, null, 2)}\n`));
    }
  } catch (e) {
    console.log(maskText(`  note: the history and the health page could not be written: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (flags['write-budgets']) {
    if (report.exitCode !== 0 || !report.operations || !config) {
      console.error(`health: --write-budgets needs a night with exit 0 (tonight: ${report.verdict}); the budgets file was not written`);
    } else {
      const file = settings!.budgetsFile;
      writeBudgets(file, deriveBudgets(masked.operations!, budgetTenant(config.target, config.baseUrl), masked.startedAt, config.seed));
      console.log(`  budgets: ${show(file)} written from tonight (${Object.keys(masked.operations!).length} operations)`);
    }
  }
  process.exit(report.exitCode);
}

async function configOrFinish(): Promise<SuiteConfig> {
  try {
    settings = healthSettings(process.env);
    return loadConfig({ ...process.env, CEC_HEALTH: '1' });
  } catch (e) {
    if (!(e instanceof ConfigError) && !(e instanceof HealthSettingsError)) throw e;
    // A night of its own: the previous run's reports must not pass for tonight's on the page.
    rmSync(join(reportsDirOf(process.env), 'health'), { recursive: true, force: true });
    return finish(reportsDirOf(process.env), { verdict: 'misconfigured', exitCode: 2, tenant: process.env.CEC_BASE_URL ?? '(none: CEC_BASE_URL is unset)', detail: (e as Error).message }, false);
  }
}
const suite = await configOrFinish();
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
  cli, 'test', '--config', join(PROJECT_ROOT, 'health.config.ts'), '--grep-invert', '@side-effect|@mock-only',
  // A partial night: the @health checks whose title also matches, and only those (the smoke project, a dependency,
  // would otherwise run whole).
  ...(flags.grep !== undefined ? ['--grep', `(?=.*@health)(?=.*(?:${flags.grep}))`, '--no-deps'] : ['--grep', '@health']),
  // A check that fails is retried once the same night: failed-then-passed is flaky, not a failure.
  '--retries=1', `--global-timeout=${GLOBAL_TIMEOUT_MS}`,
  // Its own artifacts folder (a failed check's trace): a run beside it never clears it.
  `--output=${join(runDir, 'test-results')}`,
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

// Tonight's certificates, read while the tests run (a warning at most, never a failure).
const certificates = readCertificates([suite.baseUrl, suite.agent?.gatewayUrl], settings!.certDays);

if (!existsSync(pwJson)) {
  const detail = `the health run produced no report (playwright exit ${run.status ?? run.signal})${stderrTail ? `:\n${stderrTail}` : ''}`;
  await finish(suite.reportsDir, { verdict: 'misconfigured', exitCode: 2, tenant, detail, reports: runDir, certificates: await certificates });
}
const report = JSON.parse(readFileSync(pwJson, 'utf8')) as JsonReport;
const records = readExchanges(join(runDir, 'exchanges'));
const globalErrors = (report.errors ?? []).map((e) => e.message ?? '').filter(Boolean);
const { maxRps, retries, requestTimeoutMs } = suite.healthPolicy;
const findingsFile = join(runDir, 'findings.json');
const findings = existsSync(findingsFile) ? JSON.parse(readFileSync(findingsFile, 'utf8')) as RunFindingsSummary : undefined;
const shown = (f: string): string => (relative(PROJECT_ROOT, f).startsWith('..') ? f : relative(PROJECT_ROOT, f));
try {
  const quarantine = applyQuarantine(checksFromReport(report, recordsByCheck(records)), readQuarantine(settings!.quarantineFile), new Date().toISOString().slice(0, 10));
  const operations = latencyByOperation(records);
  budgetJudgement = judgeBudgets(readBudgets(settings!.budgetsFile), operations, budgetTenant(suite.target, suite.baseUrl), shown(settings!.budgetsFile));
  const verdict = verdictWithBudgets(verdictWithFindings(verdictOf(quarantine.checks, globalErrors), findings), budgetJudgement);
  await finish(suite.reportsDir, {
    ...verdict, tenant, checks: quarantine.checks, policy: { maxRps, retries, requestTimeoutMs }, reports: runDir, operations,
    budgets: budgetJudgement, certificates: await certificates, throttled: throttleCountOf(records),
    quarantine: { file: shown(settings!.quarantineFile), active: quarantine.active, expired: quarantine.expired, unmatched: quarantine.unmatched },
  });
} catch (e) {
  // A quarantine or budgets file that cannot be read is a configuration error: the night cannot be judged.
  await finish(suite.reportsDir, { verdict: 'misconfigured', exitCode: 2, tenant, detail: (e as Error).message, reports: runDir });
}
