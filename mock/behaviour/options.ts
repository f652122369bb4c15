// Every setting of the mock tenant, read from flags (--latency-ms=50), then the environment (MOCK_LATENCY_MS=50),
// then the defaults. The resolved MockOptions object is passed into buildApp and on to every handler. Behaviour that
// differs from the documented one is not a setting: it comes in through the app's extension points (extensions.ts).
import { randomBytes } from 'node:crypto';
import { mockCredentials, type MockCredentials } from '../credentials.js';
import { PROFILE_NAMES, PROFILE_SETTINGS, type ProfileName } from './profiles/names.js';

/** Settings that may change while the mock runs (POST /__mock/faults), process-wide or for one client (faults.ts):
 *  injected faults and flow control. */
export interface FaultSettings {
  /** Added to every reply, in milliseconds. */
  latencyMs: number;
  /** Share (0..1) of requests answered 503 with Retry-After. */
  fault503Rate: number;
  /** Share (0..1) of requests answered with the flow-control result code. */
  flowControlRate: number;
  /** Caps the real lifetime of every token in seconds (tokens still announce their nominal lifetime); 0 = no cap. */
  tokenTtlS: number;
  /** Share (0..1) of requests whose connection is dropped without an answer. */
  dropRate: number;
  /** Requests per second per app key above which flow control answers; 0 = off. */
  rateLimit: number;
}

/** Bounds on the in-memory state, so a long run cannot grow without end. */
export interface MockLimits {
  maxTokens: number;
  maxUsers: number;
  maxPendingPerUser: number;
  maxCustomerMessagesPerCall: number;
  maxFiles: number;
  maxFileBytesTotal: number;
  maxRecords: number;
}

export interface MockOptions {
  port: number;
  host: string;
  https: boolean;
  /** Seeds ids, tokens and fault rolls; random when MOCK_SEED is unset. */
  seed: string;
  seedGiven: boolean;
  credentials: MockCredentials;
  /** How long a transferred session waits before the configured agent takes it. */
  agentDelayMs: number;
  /** A user's session is released after this long without a request. */
  sessionIdleS: number;
  /** Validate every response against the spec before it leaves (a violation answers 500). */
  validateResponses: boolean;
  logLevel: string;
  /** Serve /__mock/faults, /__mock/reset and /__mock/health. */
  admin: boolean;
  /** How the mock reads lawful requests the spec chose against (profiles/): `default` or `lenient`. */
  profile: ProfileName;
  /** The default profile with the spec's request checks as they were: unknown fields and bodies refused, `from`
   *  other than the token's user 401, the configured agent phone required (profiles/strict.ts). */
  strictRequests: boolean;
  faults: FaultSettings;
  limits: MockLimits;
  /** The clock (ms since the epoch); tests replace it. */
  now: () => number;
  /** Test-only: a string put at the start of every token and Guid the mock mints, so a scan of the reports can
   *  find any that leaked unmasked (selftest/reports/secrets.spec.ts); undefined = none. */
  secretMarker?: string;
}

export class OptionError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Parse = (raw: string) => unknown;
const int = (min: number, max: number): Parse => (raw) => {
  if (!/^-?[0-9]+$/.test(raw.trim())) throw new OptionError(`"${raw}" is not an integer`);
  const n = Number(raw);
  if (n < min || n > max) throw new OptionError(`${n} is outside ${min}..${max}`);
  return n;
};
const rate: Parse = (raw) => {
  if (!/^(?:[0-9]*\.)?[0-9]+$/.test(raw.trim())) throw new OptionError(`"${raw}" is not a number`);
  const n = Number(raw);
  if (n < 0 || n > 1) throw new OptionError(`${n} is outside 0..1`);
  return n;
};
const perSecond: Parse = (raw) => {
  if (!/^(?:[0-9]*\.)?[0-9]+$/.test(raw.trim())) throw new OptionError(`"${raw}" is not a number`);
  return Number(raw);
};
const bool: Parse = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new OptionError(`"${raw}" is not a boolean (1/0, true/false)`);
};
const text: Parse = (raw) => {
  if (raw === '') throw new OptionError('empty value');
  return raw;
};
const marker: Parse = (raw) => {
  if (!/^[A-Za-z0-9_-]{6,40}$/.test(raw)) throw new OptionError(`"${raw}" must be 6-40 characters of A-Z a-z 0-9 _ - (it goes into tokens and headers)`);
  return raw;
};
const profile: Parse = (raw) => {
  if (!(PROFILE_NAMES as readonly string[]).includes(raw)) throw new OptionError(`"${raw}" is not one of ${PROFILE_NAMES.join(', ')}`);
  return raw;
};
const level: Parse = (raw) => {
  if (!LOG_LEVELS.includes(raw)) throw new OptionError(`"${raw}" is not one of ${LOG_LEVELS.join(', ')}`);
  return raw;
};

interface Setting {
  env: string;
  /** Where the value goes: a MockOptions key, or faults.<key>. */
  key: string;
  parse: Parse;
  default: unknown;
  flagOnly?: boolean;
}

/** One row per setting; the flag is derived from the variable (MOCK_FAULT_503_RATE → --fault-503-rate). */
export const SETTINGS: readonly Setting[] = [
  { env: 'MOCK_PORT', key: 'port', parse: int(0, 65535), default: 3180 },
  { env: 'MOCK_HOST', key: 'host', parse: text, default: '127.0.0.1' },
  { env: 'MOCK_HTTPS', key: 'https', parse: bool, default: false },
  { env: 'MOCK_SEED', key: 'seed', parse: text, default: undefined },
  { env: 'MOCK_AGENT_DELAY_MS', key: 'agentDelayMs', parse: int(0, 3_600_000), default: 300 },
  { env: 'MOCK_SESSION_IDLE_S', key: 'sessionIdleS', parse: int(1, 86_400), default: 600 },
  { env: 'MOCK_VALIDATE_RESPONSES', key: 'validateResponses', parse: bool, default: true },
  { env: 'MOCK_LOG_LEVEL', key: 'logLevel', parse: level, default: 'warn' },
  { env: 'MOCK_ADMIN', key: 'admin', parse: bool, default: false },
  { env: 'MOCK_PROFILE', key: 'profile', parse: profile, default: 'default' },
  { env: 'MOCK_STRICT_REQUESTS', key: 'strictRequests', parse: bool, default: false },
  { env: 'MOCK_LATENCY_MS', key: 'faults.latencyMs', parse: int(0, 60_000), default: 0 },
  { env: 'MOCK_FAULT_503_RATE', key: 'faults.fault503Rate', parse: rate, default: 0 },
  { env: 'MOCK_FAULT_FLOW_CONTROL_RATE', key: 'faults.flowControlRate', parse: rate, default: 0 },
  { env: 'MOCK_TOKEN_TTL_S', key: 'faults.tokenTtlS', parse: int(0, 86_400), default: 0 },
  { env: 'MOCK_FAULT_DROP_RATE', key: 'faults.dropRate', parse: rate, default: 0 },
  { env: 'MOCK_RATE_LIMIT', key: 'faults.rateLimit', parse: perSecond, default: 0 },
  { env: 'MOCK_SECRET_MARKER', key: 'secretMarker', parse: marker, default: undefined },
];

/** MOCK_* variables of `env` that are no setting of the mock (a typo, or a setting of another entry point). */
export function unknownVariables(env: NodeJS.ProcessEnv): string[] {
  const known = new Set(SETTINGS.map((s) => s.env));
  return Object.keys(env).filter((k) => k.startsWith('MOCK_') && !known.has(k)).sort();
}

export const flagOf = (env: string): string => `--${env.replace(/^MOCK_/, '').toLowerCase().replace(/_/g, '-')}`;

export const DEFAULT_LIMITS: Readonly<MockLimits> = Object.freeze({
  maxTokens: 100_000,
  maxUsers: 20_000,
  maxPendingPerUser: 500,
  maxCustomerMessagesPerCall: 200,
  maxFiles: 200,
  maxFileBytesTotal: 128 * 1024 * 1024,
  maxRecords: 1_000,
});

/** Reads `--name=value`, `--name value` and bare boolean `--name` flags into a map keyed by variable name. */
function flagValues(argv: readonly string[]): Record<string, string> {
  const byFlag = new Map(SETTINGS.map((s) => [flagOf(s.env), s]));
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new OptionError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const setting = byFlag.get(name);
    if (!setting) throw new OptionError(`unknown flag ${name}; flags: ${[...byFlag.keys()].join(' ')}`);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (setting.parse === bool && (argv[i + 1] === undefined || argv[i + 1].startsWith('--'))) value = 'true';
    else if (argv[i + 1] !== undefined) value = argv[++i];
    else throw new OptionError(`flag ${name} needs a value`);
    out[setting.env] = value;
  }
  return out;
}

/** The options under these flags and this environment; throws OptionError naming every bad value. */
export function parseOptions(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): MockOptions {
  const flags = flagValues(argv);
  const values: Record<string, unknown> = { faults: {} };
  const problems: string[] = [];
  const rawOf = (name: string): string | undefined => flags[name] ?? (env[name] === '' ? undefined : env[name]);
  // A profile may bring defaults of its own for some settings (the lenient one's slower agent).
  const chosen = rawOf('MOCK_PROFILE');
  const profileDefaults: Record<string, unknown> = (PROFILE_SETTINGS as Record<string, Record<string, unknown>>)[chosen ?? 'default'] ?? {};
  for (const s of SETTINGS) {
    const raw = rawOf(s.env);
    let value = s.env in profileDefaults ? profileDefaults[s.env] : s.default;
    if (raw !== undefined) {
      try {
        value = s.parse(raw);
      } catch (e) {
        problems.push(`${s.env} (${flagOf(s.env)}): ${(e as Error).message}`);
      }
    }
    if (s.key.startsWith('faults.')) (values.faults as Record<string, unknown>)[s.key.slice(7)] = value;
    else values[s.key] = value;
  }
  if (values.strictRequests === true && values.profile !== 'default') problems.push(`MOCK_STRICT_REQUESTS (--strict-requests) belongs to the default profile, not MOCK_PROFILE=${String(values.profile)}`);
  if (problems.length) throw new OptionError(`invalid mock settings:\n  ${problems.join('\n  ')}`);
  const seed = values.seed as string | undefined;
  return {
    ...(values as Omit<MockOptions, 'seed' | 'seedGiven' | 'credentials' | 'limits' | 'now'>),
    seed: seed ?? randomBytes(16).toString('hex'),
    seedGiven: seed !== undefined,
    credentials: mockCredentials(env),
    limits: { ...DEFAULT_LIMITS },
    now: Date.now,
  };
}

const FAULT_SETTINGS = SETTINGS.filter((s) => s.key.startsWith('faults.'));

/**
 * A partial FaultSettings from a JSON object (the admin endpoint): keys are FaultSettings names or their
 * variable names, values numbers or numeric strings. Throws OptionError naming every bad key or value.
 */
export function parseFaults(input: unknown): Partial<FaultSettings> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new OptionError('expected a JSON object of fault settings');
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    const s = FAULT_SETTINGS.find((x) => x.key === `faults.${name}` || x.env === name);
    if (!s) {
      problems.push(`unknown setting "${name}"; known: ${FAULT_SETTINGS.map((x) => x.key.slice(7)).join(', ')}`);
      continue;
    }
    if (typeof value !== 'number' && typeof value !== 'string') {
      problems.push(`${name}: expected a number`);
      continue;
    }
    try {
      out[s.key.slice(7)] = s.parse(String(value));
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new OptionError(problems.join('; '));
  return out as Partial<FaultSettings>;
}

/** What buildApp accepts: any subset of the options; the rest come from `env` (default process.env) and the defaults. */
export type BuildAppOptions = Partial<Omit<MockOptions, 'faults' | 'limits' | 'credentials'>> & {
  faults?: Partial<FaultSettings>;
  limits?: Partial<MockLimits>;
  credentials?: Partial<MockCredentials>;
  env?: NodeJS.ProcessEnv;
};

export function resolveOptions(given: BuildAppOptions = {}): MockOptions {
  const { env, faults, limits, credentials, ...rest } = given;
  // A profile given here brings its setting defaults as MOCK_PROFILE would.
  const base = parseOptions({ ...(env ?? process.env), ...(given.profile ? { MOCK_PROFILE: given.profile } : {}), ...(given.strictRequests !== undefined ? { MOCK_STRICT_REQUESTS: String(given.strictRequests) } : {}) });
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return {
    ...base,
    ...defined,
    seedGiven: given.seedGiven ?? (base.seedGiven || given.seed !== undefined),
    faults: { ...base.faults, ...faults },
    limits: { ...base.limits, ...limits },
    credentials: { ...base.credentials, ...credentials },
  };
}
