// npm run health: the @health subset against the configured tenant (or the embedded mock), as a nightly check.
// Writes reports/health.json and a one-screen summary. Exit 0 healthy, 1 a contract or behaviour is broken,
// 2 the tenant is unreachable or the configuration is wrong.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import 'dotenv/config';
import { ConfigError, loadConfig, type SuiteConfig } from '../src/config.js';
import { checksFromReport, summary, verdictOf, type HealthReport, type JsonReport } from '../src/health/classify.js';
import { maskText } from '../src/secrets.js';

const REPORT = 'reports/health.json';
const PW_JSON = 'reports/health-playwright.json';
const PROBE_TIMEOUT_MS = 10_000;

function finish(report: HealthReport): never {
  mkdirSync('reports', { recursive: true });
  writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(maskText(summary(report)));
  process.exit(report.exitCode);
}

/** One token request: tells an unreachable tenant and wrong credentials apart from everything after. */
async function probe(config: SuiteConfig): Promise<string | undefined> {
  const url = `${config.baseUrl}/apigovernance/api/oauth/tokenByAkSk`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token-expire': '600' },
      body: JSON.stringify({ app_key: config.appKey, app_secret: config.appSecret }),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (res.status === 401 || res.status === 403) return `misconfigured: the tenant at ${config.baseUrl} refused CEC_APP_KEY/CEC_APP_SECRET (HTTP ${res.status}); check the AK/SK`;
    return undefined;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    return `unreachable: no answer from ${url} (${cause}); check CEC_BASE_URL and the network path to the tenant`;
  }
}

const started = Date.now();
const base = (over: Partial<HealthReport>): HealthReport => ({ verdict: 'healthy', exitCode: 0, tenant: '', startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, checks: [], ...over });

let config: SuiteConfig;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) finish(base({ verdict: 'misconfigured', exitCode: 2, detail: e.message }));
  throw e;
}
const tenant = config.embeddedMock ? 'embedded mock tenant' : config.baseUrl;

if (!config.embeddedMock) {
  const problem = await probe(config);
  if (problem) finish(base({ verdict: problem.startsWith('unreachable') ? 'unreachable' : 'misconfigured', exitCode: 2, tenant, detail: problem }));
}

if (existsSync(PW_JSON)) rmSync(PW_JSON);
const run = spawnSync('npx', ['playwright', 'test', '--grep', '@health', '--grep-invert', '@side-effect|@mock-only', '--reporter=json', '--retries=0'], {
  env: { ...process.env, CEC_HEALTH: '1', CEC_ALLOW_SIDE_EFFECTS: '0', PLAYWRIGHT_JSON_OUTPUT_NAME: PW_JSON },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (!existsSync(PW_JSON)) finish(base({ verdict: 'misconfigured', exitCode: 2, tenant, detail: `the health run produced no report (playwright exit ${run.status}); see the errors above` }));
const report = JSON.parse(readFileSync(PW_JSON, 'utf8')) as JsonReport;
const checks = checksFromReport(report);
const globalErrors = (report.errors ?? []).map((e) => e.message ?? '').filter(Boolean);
if (!checks.length && globalErrors.length) {
  const unreachable = globalErrors.some((m) => /unreachable|ECONNREFUSED|ENOTFOUND/i.test(m));
  finish(base({ verdict: unreachable ? 'unreachable' : 'misconfigured', exitCode: 2, tenant, detail: globalErrors.join('\n').slice(0, 800) }));
}
finish(base({ ...verdictOf(checks), tenant, checks }));
