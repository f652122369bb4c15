// The quarantine list: checks a team knows are flaky, each with a reason and an expiry date (like the findings
// baseline). A quarantined check still runs and is shown and counted; its failure does not decide the night's
// verdict and is not alerted. After `expires` the entry no longer holds (the check counts again, and the run says so).
//
//   # health-quarantine.yaml
//   checks:
//     - check: "health/session.spec.ts › session › a customer's message reaches the agent"   # the id on the page
//       reason: "the tenant's agent pool is emptied at 02:00 for maintenance (TICKET-123)"
//       expires: 2027-01-31
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { HealthCheck } from './classify.js';

export interface QuarantineEntry { check: string; reason: string; expires: string }

export class QuarantineError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readQuarantine(file: string): QuarantineEntry[] {
  if (!existsSync(file)) return [];
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new QuarantineError(`${file} is not YAML: ${(e as Error).message}`);
  }
  const list = (doc as { checks?: unknown } | null)?.checks ?? [];
  if (!Array.isArray(list)) throw new QuarantineError(`${file}: "checks" must be a list`);
  return list.map((e, i) => {
    const entry = (e ?? {}) as Partial<QuarantineEntry>;
    const expires = entry.expires as unknown;
    const date = expires instanceof Date ? expires.toISOString().slice(0, 10) : expires;
    if (typeof entry.check !== 'string' || typeof entry.reason !== 'string' || !entry.reason.trim() || typeof date !== 'string' || !DATE.test(date)) {
      throw new QuarantineError(`${file}: entry ${i + 1} needs check (the check's id, as on the health page), reason and expires (YYYY-MM-DD)`);
    }
    return { check: entry.check, reason: entry.reason, expires: date };
  });
}

/** The id of a check, as the history and the page name it. */
export const checkId = (c: Pick<HealthCheck, 'file' | 'name'>): string => `${c.file} › ${c.name}`;

/**
 * Marks the checks an entry in force (expires on or after `today`, YYYY-MM-DD) names as quarantined. Returns the
 * checks, the expired entries' checks and the entries no check of tonight matched.
 */
export function applyQuarantine(checks: readonly HealthCheck[], entries: readonly QuarantineEntry[], today: string): { checks: HealthCheck[]; active: number; expired: string[]; unmatched: string[] } {
  const active = entries.filter((e) => e.expires >= today);
  const byId = new Map(active.map((e) => [e.check, e]));
  const ids = new Set(checks.map(checkId));
  return {
    checks: checks.map((c) => {
      const e = byId.get(checkId(c));
      return e ? { ...c, quarantined: { reason: e.reason, expires: e.expires } } : c;
    }),
    active: active.length,
    expired: entries.filter((e) => e.expires < today).map((e) => e.check),
    unmatched: active.filter((e) => !ids.has(e.check)).map((e) => e.check),
  };
}
