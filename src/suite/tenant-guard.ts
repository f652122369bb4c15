// The tenant guard: the embedded mock answers only when nothing names a tenant and nothing says a tenant was meant.
// A nightly job whose CEC_BASE_URL secret is empty, or a variable misspelt (CEC_BASEURL), must not test our own mock
// and print a green; it stops with a configuration error naming what to set. `CEC_TARGET=mock` (or a command's
// `--mock`) asks for the mock on purpose.
import type { Env } from './issues.js';

/** Every CEC_* variable the project reads (suite, mock, products, self-tests); anything else is reported. */
export const KNOWN_VARIABLES: readonly string[] = [
  // the tenant and the agent
  'CEC_BASE_URL', 'CEC_APP_KEY', 'CEC_APP_SECRET', 'CEC_CHANNEL_CONFIG_ID',
  'CEC_AGENT_GATEWAY_URL', 'CEC_AGENT_ID', 'CEC_AGENT_GUID', 'CEC_AGENT_PASSWORD', 'CEC_AGENT_PHONE',
  // behaviour
  'CEC_TARGET', 'CEC_ALLOW_SIDE_EFFECTS', 'CEC_INSECURE_TLS', 'CEC_SEED', 'CEC_STRICT', 'CEC_REPLY_TIMEOUT_MS',
  'CEC_TEST_TIMEOUT_MS', 'CEC_TEST_PHONE', 'CEC_REPORTS_DIR', 'CEC_MAX_RESPONSE_BYTES', 'CEC_BASELINE',
  'CEC_RUN_DEADLINE_S', 'CEC_SKIP_RULES', 'CEC_REQUIRE_COVERAGE',
  // a gateway's flow control and the workers (src/suite/flow-control.ts, src/suite/config.ts)
  'CEC_THROTTLE_RETRIES', 'CEC_THROTTLE_MAX_WAIT_S', 'CEC_MAX_RPS', 'CEC_WORKERS',
  // the network (src/suite/network.ts)
  'CEC_CA_FILE', 'CEC_CLIENT_CERT', 'CEC_CLIENT_KEY', 'CEC_CLIENT_PFX', 'CEC_CLIENT_PASSPHRASE',
  // the health check
  'CEC_HEALTH', 'CEC_HEALTH_MAX_RPS', 'CEC_HEALTH_RETRIES', 'CEC_HEALTH_TIMEOUT_MS', 'CEC_HEALTH_HISTORY_NIGHTS',
  'CEC_HEALTH_BUDGETS', 'CEC_HEALTH_QUARANTINE', 'CEC_HEALTH_CERT_DAYS', 'CEC_HEALTH_PAGE_URL',
  'CEC_HEALTH_WEBHOOK_URL', 'CEC_HEALTH_WEBHOOK_FORMAT', 'CEC_HEALTH_ALERT_AFTER', 'CEC_HEALTH_REMIND_AFTER',
  // exploration (products/explore/settings.ts)
  'CEC_EXPLORE_SEED', 'CEC_EXPLORE_RUNS', 'CEC_EXPLORE_SECONDS', 'CEC_EXPLORE_MAX_STEPS', 'CEC_EXPLORE_MAX_CUSTOMERS',
  'CEC_EXPLORE_SHRINK_SECONDS', 'CEC_EXPLORE_SETTLE_MS', 'CEC_EXPLORE_SUITE_RUNS', 'CEC_EXPLORE_SUITE_SECONDS',
  'CEC_EXPLORE_SYSTEMATIC',
  // set by the project's own commands for their children
  'CEC_SHARD_BLOB', 'CEC_SUITE_ANNOUNCED', 'CEC_SHARED_FABRIC_TOKEN', 'CEC_RUN_STOP_FILE', 'CEC_RUN_ID',
  // self-tests
  'CEC_KEEP_SELFTEST_REPORTS', 'CEC_CHROMIUM_PATH', 'CEC_SELFTEST_SHARED_DIR',
];

/** Variables that only make sense for a tenant: any of them set without CEC_BASE_URL says a tenant was meant. */
export const TENANT_VARIABLES: readonly string[] = [
  'CEC_APP_KEY', 'CEC_APP_SECRET', 'CEC_CHANNEL_CONFIG_ID',
  'CEC_AGENT_GATEWAY_URL', 'CEC_AGENT_ID', 'CEC_AGENT_GUID', 'CEC_AGENT_PASSWORD', 'CEC_AGENT_PHONE',
  'CEC_TEST_PHONE', 'CEC_INSECURE_TLS', 'CEC_CA_FILE', 'CEC_CLIENT_CERT', 'CEC_CLIENT_KEY', 'CEC_CLIENT_PFX',
];

const set = (env: Env, name: string): boolean => !!env[name]?.trim();
const truthy = (v: string | undefined): boolean => !!v?.trim() && !/^(0|false|no|off)$/i.test(v.trim());

/** Levenshtein distance (insert, delete, substitute: 1 each). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The known variable nearest to `name`, when it is near enough to be a typo of it. */
export function nearestVariable(name: string, known: readonly string[] = KNOWN_VARIABLES): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(name, k);
    if (!best || d < best.d) best = { name: k, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

/** The CEC_* variables set in `env` that the project does not read, each with the nearest known name if any. */
export function unknownVariables(env: Env): Array<{ variable: string; suggestion?: string }> {
  return Object.keys(env).filter((k) => k.startsWith('CEC_') && !KNOWN_VARIABLES.includes(k))
    .sort().map((variable) => ({ variable, suggestion: nearestVariable(variable) }));
}

/** The message for an unknown variable. */
export function unknownVariableMessage(u: { variable: string; suggestion?: string }): string {
  return `is not a variable of the suite${u.suggestion ? ` — did you mean ${u.suggestion}?` : ''} (docs/configuration.md lists them; unset it)`;
}

/**
 * Why a tenant was meant although CEC_BASE_URL is unset: CI, the health check, a tenant variable or an unknown CEC_*
 * variable (a misspelt one). Empty when nothing says so, when CEC_TARGET=mock (or MOCK_MUTATION) asks for the mock
 * on purpose, or when CEC_BASE_URL is set.
 */
export function tenantMeant(env: Env): string[] {
  // CEC_TARGET=mock asks for the mock; so does MOCK_MUTATION (a mutant of it is only ever a mock).
  if (set(env, 'CEC_BASE_URL') || env.CEC_TARGET?.trim() === 'mock' || set(env, 'MOCK_MUTATION')) return [];
  const reasons: string[] = [];
  if (truthy(env.CI)) reasons.push(`CI=${env.CI!.trim()}`);
  if (truthy(env.CEC_HEALTH)) reasons.push('this is the health check (CEC_HEALTH)');
  const tenantVars = TENANT_VARIABLES.filter((n) => set(env, n));
  if (tenantVars.length) reasons.push(`${tenantVars.join(', ')} ${tenantVars.length > 1 ? 'are' : 'is'} set`);
  const unknown = unknownVariables(env);
  if (unknown.length) reasons.push(unknown.map((u) => `${u.variable} is set${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}`).join(', '));
  return reasons;
}

/** The guard's message on CEC_BASE_URL. */
export function guardMessage(reasons: readonly string[]): string {
  return `is unset, but a tenant was meant (${reasons.join('; ')}): set CEC_BASE_URL to the tenant's base URL, or set CEC_TARGET=mock (a command's --mock) to run against the embedded mock on purpose`;
}
