// The suite's configuration, read from the environment (and a .env file, loaded by playwright.config.ts).
// `loadConfig(env)` is pure: it reads only what it is given and either returns a typed configuration or throws ONE
// ConfigError that lists every problem, each naming its variable and what to do about it.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_POLICY, type ResiliencePolicy } from './resilience.js';

/** The project root (relative CEC_REPORTS_DIR values are resolved against it). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Who answers: the embedded/separately started mock (mock-only features allowed) or a tenant. */
export type Target = 'mock' | 'tenant';

export interface AgentConfig {
  /** CC-Gateway base URL, without a trailing slash. */
  gatewayUrl: string;
  agentId: string;
  /** A signed-in agent's Guid: used as is, the suite never signs in or out with it. */
  guid?: string;
  /** With phone: the suite signs the agent in (and out again). */
  password?: string;
  phone?: string;
}

export interface SuiteConfig {
  target: Target;
  /** True when CEC_BASE_URL is unset and the suite starts the mock itself (in-process, products/embedded-mock/global-setup.ts). */
  embeddedMock: boolean;
  /** The tenant's base URL without a trailing slash. */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  channelConfigId: string;
  /** Agent-side settings; undefined when the agent steps are skipped (see agentSkipReason). */
  agent?: AgentConfig;
  agentSkipReason?: string;
  /** Tests tagged @side-effect run (always true against the mock). */
  allowSideEffects: boolean;
  insecureTls: boolean;
  /** The data seed; every test's faker data derives from it and the test's title. */
  seed: string;
  /** True when the seed came from CEC_SEED, false when it was derived from the time. */
  seedFromEnv: boolean;
  /** CEC_STRICT=1: response objects closed and warnings made failures (the worker fixture builds its Contract with it). */
  strict: boolean;
  /** Deadline for a robot, agent or click-to-call reply to show up (ms). */
  replyTimeoutMs: number;
  /** Per-test timeout (ms). */
  testTimeoutMs: number;
  /** Port of the embedded mock (MOCK_PORT). */
  mockPort: number;
  /** A phone number you own, dialled by createMobileAgentCall on a tenant (CEC_TEST_PHONE); unset there → skipped. */
  testPhone?: string;
  /** CEC_HEALTH=1 (set by npm run health): the run is the health check; the agent is never signed in, and the client
   *  throttles, times out and retries transient failures by `healthPolicy`. */
  health: boolean;
  /** The health check's request rate, retries and per-request timeout (CEC_HEALTH_MAX_RPS, CEC_HEALTH_RETRIES,
   *  CEC_HEALTH_TIMEOUT_MS); applied by the client only when `health` is on. */
  healthPolicy: ResiliencePolicy;
  /** How many nights of health-check history `npm run health` keeps (CEC_HEALTH_HISTORY_NIGHTS). */
  healthHistoryNights: number;
  /** Where reports go (CEC_REPORTS_DIR, default reports/): html/, junit.xml, allure-results/, exchanges/. Absolute. */
  reportsDir: string;
  /** Answers larger than this are not parsed or validated (CEC_MAX_RESPONSE_BYTES): one "too large" finding. */
  maxResponseBytes: number;
  /** The known-findings baseline (CEC_BASELINE, default conformance-baseline.yaml in the project root). Absolute. */
  baselineFile: string;
  /** The whole run's deadline in seconds (CEC_RUN_DEADLINE_S): past it the run stops with what it has. */
  runDeadlineS: number;
  /** Rules switched off by id, with the reason (CEC_SKIP_RULES="id:reason,id2:reason"): "disabled: reason" in the
   *  statement, their findings known (they fail neither the gate nor the health check). */
  skipRules: Record<string, string>;
  /** CEC_REQUIRE_COVERAGE=1: a refuse rule the embedded mock's reference run verifies but this run did not reach fails the gate. */
  requireCoverage: boolean;
}

/** CEC_SKIP_RULES: `id:reason` pairs, comma-separated (a reason may not contain a comma); an id alone has no reason. */
export function parseSkipRules(raw: string | undefined, issues: ConfigIssue[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    const id = (at < 0 ? part : part.slice(0, at)).trim();
    const reason = at < 0 ? '' : part.slice(at + 1).trim();
    if (!/^[\w.[\]/-]+$/.test(id)) issues.push({ variable: 'CEC_SKIP_RULES', message: `"${id}" is not a rule id (npm run explain -- --list names them)` });
    else out[id] = reason || 'no reason given';
  }
  return out;
}

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  declare readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`Invalid suite configuration (see .env.example and docs/configuration.md):\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    // Not enumerable and no stack: the runner prints the message alone, which already says everything.
    Object.defineProperty(this, 'issues', { value: issues, enumerable: false });
    this.stack = `${this.name}: ${this.message}`;
  }
}

export type Env = Record<string, string | undefined>;

export const DEFAULT_MOCK_PORT = 3180;
export const DEFAULT_REPLY_TIMEOUT_MS = 15_000;
export const DEFAULT_TEST_TIMEOUT_MS = 90_000;
/** The health check's request rate against the mock (CEC_HEALTH_MAX_RPS still wins). */
export const MOCK_HEALTH_MAX_RPS = 200;
/** The whole run: far above a run against a slow tenant (about 5 minutes), far below a CI job's limit. */
export const DEFAULT_RUN_DEADLINE_S = 30 * 60;
/** Well above the documents' largest body (a 2 MB file, base64 in JSON: about 2.7 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Every variable the suite reads, with what it means (used by docs and the banner). */
export const VARIABLES = [
  'CEC_BASE_URL', 'CEC_APP_KEY', 'CEC_APP_SECRET', 'CEC_CHANNEL_CONFIG_ID',
  'CEC_AGENT_GATEWAY_URL', 'CEC_AGENT_ID', 'CEC_AGENT_GUID', 'CEC_AGENT_PASSWORD', 'CEC_AGENT_PHONE',
  'CEC_ALLOW_SIDE_EFFECTS', 'CEC_INSECURE_TLS', 'CEC_SEED', 'CEC_STRICT', 'CEC_TARGET',
  'CEC_REPLY_TIMEOUT_MS', 'CEC_TEST_TIMEOUT_MS', 'CEC_TEST_PHONE', 'CEC_HEALTH', 'CEC_REPORTS_DIR',
  'CEC_HEALTH_MAX_RPS', 'CEC_HEALTH_RETRIES', 'CEC_HEALTH_TIMEOUT_MS', 'CEC_HEALTH_HISTORY_NIGHTS',
  'CEC_MAX_RESPONSE_BYTES', 'CEC_BASELINE', 'CEC_RUN_DEADLINE_S',
] as const;

/** Nights of health-check history kept (CEC_HEALTH_HISTORY_NIGHTS). */
export const DEFAULT_HEALTH_HISTORY_NIGHTS = 30;

/** A value, trimmed; empty counts as unset (a copied .env.example leaves empty assignments). */
function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function flag(env: Env, name: string, issues: ConfigIssue[]): boolean {
  const v = value(env, name);
  if (v === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  issues.push({ variable: name, message: `"${v}" is not a flag: set it to 1 (on) or 0 (off), or leave it unset` });
  return false;
}

function positiveInt(env: Env, name: string, fallback: number, issues: ConfigIssue[]): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  if (!/^[0-9]+$/.test(v) || Number(v) <= 0) {
    issues.push({ variable: name, message: `"${v}" is not a positive whole number${name.endsWith('_MS') ? ' of milliseconds' : ''}` });
    return fallback;
  }
  return Number(v);
}

function positiveNumber(env: Env, name: string, fallback: number, issues: ConfigIssue[]): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  if (!/^(?:[0-9]*\.)?[0-9]+$/.test(v) || Number(v) <= 0) {
    issues.push({ variable: name, message: `"${v}" is not a positive number` });
    return fallback;
  }
  return Number(v);
}

function wholeNumber(env: Env, name: string, fallback: number, max: number, issues: ConfigIssue[]): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  if (!/^[0-9]+$/.test(v) || Number(v) > max) {
    issues.push({ variable: name, message: `"${v}" is not a whole number from 0 to ${max}` });
    return fallback;
  }
  return Number(v);
}

function httpUrl(env: Env, name: string, issues: ConfigIssue[]): string | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    issues.push({ variable: name, message: `"${v}" is not a URL: give the full base URL, e.g. https://service.besclouds.com` });
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    issues.push({ variable: name, message: `"${v}" must be an http:// or https:// URL` });
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) {
    issues.push({ variable: name, message: `"${v}" must be a plain base URL, without query, fragment or credentials` });
    return undefined;
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Reads the configuration from `env`. `now` gives the time a default seed derives from (injectable for tests).
 * Throws a ConfigError naming every missing, malformed or contradictory variable.
 */
export function loadConfig(env: Env, now: () => number = Date.now): SuiteConfig {
  const issues: ConfigIssue[] = [];
  const baseUrlRaw = value(env, 'CEC_BASE_URL');
  const baseUrl = httpUrl(env, 'CEC_BASE_URL', issues);
  const embeddedMock = baseUrlRaw === undefined;

  const targetRaw = value(env, 'CEC_TARGET');
  let target: Target = embeddedMock ? 'mock' : 'tenant';
  if (targetRaw !== undefined) {
    if (targetRaw !== 'mock' && targetRaw !== 'tenant') issues.push({ variable: 'CEC_TARGET', message: `"${targetRaw}" must be "mock" or "tenant"` });
    else if (targetRaw === 'tenant' && embeddedMock) issues.push({ variable: 'CEC_TARGET', message: 'is "tenant" but CEC_BASE_URL is unset: set CEC_BASE_URL to the tenant, or unset CEC_TARGET to use the embedded mock' });
    else target = targetRaw;
  }

  const mockPort = positiveInt(env, 'MOCK_PORT', DEFAULT_MOCK_PORT, issues);
  if (mockPort > 65535) issues.push({ variable: 'MOCK_PORT', message: `${mockPort} is not a TCP port` });

  let appKey = value(env, 'CEC_APP_KEY');
  let appSecret = value(env, 'CEC_APP_SECRET');
  let channelConfigId = value(env, 'CEC_CHANNEL_CONFIG_ID');
  let agent: AgentConfig | undefined;
  let agentSkipReason: string | undefined;

  const agentVars = ['CEC_AGENT_GATEWAY_URL', 'CEC_AGENT_ID', 'CEC_AGENT_GUID', 'CEC_AGENT_PASSWORD', 'CEC_AGENT_PHONE'] as const;
  const mockUrl = `http://127.0.0.1:${mockPort}`;

  if (embeddedMock) {
    // The embedded mock's credentials arrive as CEC_* variables, put there by the composition root
    // (products/embedded-mock/credentials.ts, from playwright.config.ts and the tools that start a run); it serves the
    // CC-Gateway paths itself, so a separate gateway URL contradicts it.
    if (value(env, 'CEC_AGENT_GATEWAY_URL') !== undefined) {
      issues.push({ variable: 'CEC_AGENT_GATEWAY_URL', message: 'set without CEC_BASE_URL: the embedded mock serves the CC-Gateway paths itself; set CEC_BASE_URL to the tenant this gateway belongs to, or unset CEC_AGENT_GATEWAY_URL' });
    }
    const embedded = ['CEC_APP_KEY', 'CEC_APP_SECRET', 'CEC_CHANNEL_CONFIG_ID', 'CEC_AGENT_ID', 'CEC_AGENT_GUID', 'CEC_AGENT_PASSWORD', 'CEC_AGENT_PHONE'] as const;
    const missing = embedded.filter((n) => value(env, n) === undefined);
    if (missing.length) {
      issues.push({ variable: missing.join(', '), message: 'the embedded mock\'s credentials are missing: start the suite with `npm run conformance` (playwright.config.ts sets them), or set CEC_BASE_URL to a tenant' });
    } else {
      appKey = value(env, 'CEC_APP_KEY');
      appSecret = value(env, 'CEC_APP_SECRET');
      channelConfigId = value(env, 'CEC_CHANNEL_CONFIG_ID');
      agent = { gatewayUrl: mockUrl, agentId: value(env, 'CEC_AGENT_ID')!, guid: value(env, 'CEC_AGENT_GUID'), password: value(env, 'CEC_AGENT_PASSWORD'), phone: value(env, 'CEC_AGENT_PHONE') };
    }
  } else {
    const missing = (['CEC_APP_KEY', 'CEC_APP_SECRET', 'CEC_CHANNEL_CONFIG_ID'] as const).filter((n) => value(env, n) === undefined);
    if (missing.length) {
      issues.push({ variable: missing.join(', '), message: `required because CEC_BASE_URL is set: set ${missing.length > 1 ? 'them' : 'it'} to the tenant's AK/SK and web channel configuration ID (or unset CEC_BASE_URL to use the embedded mock)` });
    }
    const gatewayUrl = httpUrl(env, 'CEC_AGENT_GATEWAY_URL', issues);
    const gatewayRaw = value(env, 'CEC_AGENT_GATEWAY_URL');
    const agentId = value(env, 'CEC_AGENT_ID');
    const guid = value(env, 'CEC_AGENT_GUID');
    const password = value(env, 'CEC_AGENT_PASSWORD');
    const phone = value(env, 'CEC_AGENT_PHONE');
    const anyAgent = agentVars.some((n) => value(env, n) !== undefined);
    if (!anyAgent) {
      agentSkipReason = 'agent steps need CEC_AGENT_GATEWAY_URL, CEC_AGENT_ID and CEC_AGENT_GUID or CEC_AGENT_PASSWORD (+ CEC_AGENT_PHONE); none is set';
    } else {
      const before = issues.length;
      if (agentId === undefined) issues.push({ variable: 'CEC_AGENT_ID', message: `required because ${agentVars.filter((n) => value(env, n) !== undefined).join(', ')} ${agentVars.filter((n) => value(env, n) !== undefined).length > 1 ? 'are' : 'is'} set: set the agent ID (101-59999), or unset the agent variables to skip the agent steps` });
      else if (!/^[0-9]+$/.test(agentId)) issues.push({ variable: 'CEC_AGENT_ID', message: `"${agentId}" is not an agent ID: agent IDs are numbers (101-59999)` });
      if (gatewayRaw === undefined) issues.push({ variable: 'CEC_AGENT_GATEWAY_URL', message: 'required for the agent steps: set the CC-Gateway base URL (e.g. https://cc-gateway.example.com:8043)' });
      if (guid === undefined && password === undefined) issues.push({ variable: 'CEC_AGENT_GUID or CEC_AGENT_PASSWORD', message: 'one is required for the agent steps: give a signed-in agent\'s Guid, or the password (+ CEC_AGENT_PHONE) to sign in with' });
      if (password !== undefined && phone === undefined) issues.push({ variable: 'CEC_AGENT_PHONE', message: 'required with CEC_AGENT_PASSWORD: set the phone number the agent signs in with' });
      if (issues.length === before && gatewayUrl && agentId) agent = { gatewayUrl, agentId, guid, password, phone };
    }
  }

  const sideEffectsFlag = flag(env, 'CEC_ALLOW_SIDE_EFFECTS', issues);
  const insecureTls = flag(env, 'CEC_INSECURE_TLS', issues);
  const strict = flag(env, 'CEC_STRICT', issues);
  const health = flag(env, 'CEC_HEALTH', issues);
  const replyTimeoutMs = positiveInt(env, 'CEC_REPLY_TIMEOUT_MS', DEFAULT_REPLY_TIMEOUT_MS, issues);
  const testTimeoutMs = positiveInt(env, 'CEC_TEST_TIMEOUT_MS', DEFAULT_TEST_TIMEOUT_MS, issues);
  if (testTimeoutMs < replyTimeoutMs * 2) {
    issues.push({ variable: 'CEC_TEST_TIMEOUT_MS', message: `${testTimeoutMs} ms leaves no room for two reply deadlines of CEC_REPLY_TIMEOUT_MS=${replyTimeoutMs} ms: raise it to at least ${replyTimeoutMs * 2}` });
  }

  const healthPolicy: ResiliencePolicy = {
    ...DEFAULT_POLICY,
    // A production tenant is spared (5/s); the mock is no one's production: its health check runs at its own speed.
    maxRps: positiveNumber(env, 'CEC_HEALTH_MAX_RPS', target === 'mock' ? MOCK_HEALTH_MAX_RPS : DEFAULT_POLICY.maxRps, issues),
    retries: wholeNumber(env, 'CEC_HEALTH_RETRIES', DEFAULT_POLICY.retries, 10, issues),
    requestTimeoutMs: positiveInt(env, 'CEC_HEALTH_TIMEOUT_MS', DEFAULT_POLICY.requestTimeoutMs, issues),
  };

  const healthHistoryNights = wholeNumber(env, 'CEC_HEALTH_HISTORY_NIGHTS', DEFAULT_HEALTH_HISTORY_NIGHTS, 3660, issues);
  if (healthHistoryNights < 1) issues.push({ variable: 'CEC_HEALTH_HISTORY_NIGHTS', message: 'must keep at least 1 night' });

  const testPhone = value(env, 'CEC_TEST_PHONE');
  if (testPhone !== undefined && !/^\+?[0-9]{3,31}$/.test(testPhone)) issues.push({ variable: 'CEC_TEST_PHONE', message: `"${testPhone}" is not a phone number (digits, optionally a leading +, at most 32)` });

  const reportsRaw = value(env, 'CEC_REPORTS_DIR') ?? 'reports';
  const reportsDir = isAbsolute(reportsRaw) ? reportsRaw : resolve(PROJECT_ROOT, reportsRaw);
  const baselineRaw = value(env, 'CEC_BASELINE') ?? 'conformance-baseline.yaml';
  const baselineFile = isAbsolute(baselineRaw) ? baselineRaw : resolve(PROJECT_ROOT, baselineRaw);
  const maxResponseBytes = positiveInt(env, 'CEC_MAX_RESPONSE_BYTES', DEFAULT_MAX_RESPONSE_BYTES, issues);
  const runDeadlineS = positiveInt(env, 'CEC_RUN_DEADLINE_S', DEFAULT_RUN_DEADLINE_S, issues);

  const skipRules = parseSkipRules(value(env, 'CEC_SKIP_RULES'), issues);
  const requireCoverage = flag(env, 'CEC_REQUIRE_COVERAGE', issues);

  const seedEnv = value(env, 'CEC_SEED');
  const seed = seedEnv ?? String(now());

  if (issues.length) throw new ConfigError(issues);
  return {
    target,
    embeddedMock,
    baseUrl: embeddedMock ? mockUrl : baseUrl!,
    appKey: appKey!,
    appSecret: appSecret!,
    channelConfigId: channelConfigId!,
    agent,
    agentSkipReason,
    allowSideEffects: target === 'mock' || sideEffectsFlag,
    insecureTls,
    seed,
    seedFromEnv: seedEnv !== undefined,
    strict,
    replyTimeoutMs,
    testTimeoutMs,
    mockPort,
    testPhone,
    health,
    healthPolicy,
    healthHistoryNights,
    reportsDir,
    maxResponseBytes,
    baselineFile,
    runDeadlineS,
    skipRules,
    requireCoverage,
  };
}

/**
 * True when the command line selects the @health tests (`--grep @health`, `-g @health`, `--grep=…@health…`): such a
 * run is the health check (CEC_HEALTH), which never signs an agent in.
 */
export function grepsHealth(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--grep' || a === '-g' ? argv[i + 1] : a.startsWith('--grep=') ? a.slice('--grep='.length) : a.startsWith('-g=') ? a.slice(3) : undefined;
    if (value?.includes('@health')) return true;
  }
  return false;
}

/** One line per setting, secrets left out: what the run is about to test. */
export function describeConfig(c: SuiteConfig): string {
  const agent = c.agent ? `agent ${c.agent.agentId} at ${c.agent.gatewayUrl} (${c.agent.guid ? 'given Guid' : 'signs in'})` : `agent steps skipped: ${c.agentSkipReason}`;
  return [
    `target: ${c.target}${c.embeddedMock ? ' (embedded mock)' : ''} at ${c.baseUrl}`,
    `seed: ${c.seed}${c.seedFromEnv ? ' (CEC_SEED)' : ' (from the time; rerun with CEC_SEED to reproduce)'}`,
    agent,
    `side effects: ${c.allowSideEffects ? 'allowed' : 'skipped (CEC_ALLOW_SIDE_EFFECTS=1 to allow)'}; strict: ${c.strict ? 'on' : 'off'}; insecure TLS: ${c.insecureTls ? 'on' : 'off'}; reply deadline ${c.replyTimeoutMs} ms${c.health ? '; health check: the agent is never signed in' : ''}`,
    ...(c.health ? [`health check: at most ${c.healthPolicy.maxRps} requests/s, ${c.healthPolicy.retries} retries of transient failures, ${c.healthPolicy.requestTimeoutMs} ms per request`] : []),
  ].join('\n');
}
