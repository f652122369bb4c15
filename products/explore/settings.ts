// The exploration's budget and knobs, from CEC_EXPLORE_* variables (and the CLI's flags, which win).
import { seedOf } from '../../fixtures/builders.js';

export interface ExploreSettings {
  /** Runs at most (fast-check numRuns). */
  runs: number;
  /** Wall-time budget of the runs (shrinking a failure has its own). */
  seconds: number;
  /** fast-check's seed (printed; the same seed explores the same sequences). */
  seed: number;
  /** Replays one counterexample (fast-check's path, printed with a failure). */
  path?: string;
  /** Customers per run at most (1-3). */
  maxCustomers: number;
  /** Steps per run at most. */
  maxSteps: number;
  /** How long shrinking a failure may take. */
  shrinkSeconds: number;
  /** Settle window at the end of a risky run (ms); undefined: twice the slowest pickup seen, or 600 ms. */
  settleMs?: number;
  /** The systematic plans first (systematic.ts: every pair at once, every step between a reply and a poll); default on. */
  systematic?: boolean;
}

export class ExploreSettingsError extends Error {}

export const EXPLORE_VARIABLES = ['CEC_EXPLORE_RUNS', 'CEC_EXPLORE_SECONDS', 'CEC_EXPLORE_SEED', 'CEC_EXPLORE_MAX_STEPS', 'CEC_EXPLORE_MAX_CUSTOMERS', 'CEC_EXPLORE_SHRINK_SECONDS', 'CEC_EXPLORE_SETTLE_MS', 'CEC_EXPLORE_SYSTEMATIC'] as const;

/** A fast-check seed from text: a number (0 to 2^31-1) as is, anything else hashed to one (so CEC_SEED values work too). */
export function seedNumber(text: string): number {
  return /^[0-9]+$/.test(text) && Number(text) < 2 ** 31 ? Number(text) : seedOf(text) % 2 ** 31;
}

/**
 * Settings from `env` (CEC_EXPLORE_*) and `flags` (--runs, --seconds, --seed, --path, --max-steps, --max-customers,
 * --shrink-seconds, --settle-ms), with the given defaults.
 */
export function exploreSettings(env: Record<string, string | undefined>, flags: Record<string, string> = {}, defaults: Partial<Omit<ExploreSettings, 'seed'>> & { seed?: string | number } = {}): ExploreSettings {
  const issues: string[] = [];
  const raw = (flag: string, variable: string): string | undefined => flags[flag] ?? (env[variable]?.trim() || undefined);
  const num = (flag: string, variable: string, fallback: number, min: number, max: number, decimals = false): number => {
    const v = raw(flag, variable);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!(decimals ? /^[0-9]*\.?[0-9]+$/ : /^[0-9]+$/).test(v) || n < min || n > max) {
      issues.push(`--${flag} / ${variable}: "${v}" is not a ${decimals ? 'number' : 'whole number'} from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const seedText = raw('seed', 'CEC_EXPLORE_SEED') ?? (defaults.seed !== undefined ? String(defaults.seed) : env.CEC_SEED?.trim() || String(Date.now() % 2 ** 31));
  const settle = raw('settle-ms', 'CEC_EXPLORE_SETTLE_MS');
  const systematic = raw('systematic', 'CEC_EXPLORE_SYSTEMATIC');
  if (systematic !== undefined && !['0', '1'].includes(systematic)) issues.push(`--systematic / CEC_EXPLORE_SYSTEMATIC: "${systematic}" is not 0 or 1`);
  const out: ExploreSettings = {
    runs: num('runs', 'CEC_EXPLORE_RUNS', defaults.runs ?? 100, 1, 1_000_000),
    seconds: num('seconds', 'CEC_EXPLORE_SECONDS', defaults.seconds ?? 60, 0.1, 86_400, true),
    seed: seedNumber(seedText),
    path: flags.path,
    maxCustomers: num('max-customers', 'CEC_EXPLORE_MAX_CUSTOMERS', defaults.maxCustomers ?? 3, 1, 3),
    maxSteps: num('max-steps', 'CEC_EXPLORE_MAX_STEPS', defaults.maxSteps ?? 30, 1, 500),
    shrinkSeconds: num('shrink-seconds', 'CEC_EXPLORE_SHRINK_SECONDS', defaults.shrinkSeconds ?? 120, 0, 86_400, true),
    settleMs: settle !== undefined ? num('settle-ms', 'CEC_EXPLORE_SETTLE_MS', 0, 0, 600_000) : defaults.settleMs,
    systematic: systematic !== undefined ? systematic === '1' : defaults.systematic ?? true,
  };
  if (issues.length) throw new ExploreSettingsError(issues.join('\n'));
  return out;
}
