// The quarantine list: checks a team knows are flaky, each with a reason and an expiry date (like the findings
// baseline). A quarantined check still runs and is shown and counted; its failure does not decide the night's
// verdict and is not alerted. After `expires` the entry no longer holds (the check counts again, and the run says so).
//
//   # health-quarantine.yaml
//   checks:
//     - check: "health/session.spec.ts › session › a customer's message reaches the agent"   # the id on the page
//       reason: "the tenant's agent pool is emptied at 02:00 for maintenance (TICKET-123)"
//       expires: 2027-01-31
import { readExpiringList } from '../findings/expiring-list.js';
import type { HealthCheck } from './classify.js';

export interface QuarantineEntry { check: string; reason: string; expires: string }

export class QuarantineError extends Error {}

export function readQuarantine(file: string): QuarantineEntry[] {
  return readExpiringList(file, 'checks', 'check', " (the check's id, as on the health page)", (m) => new QuarantineError(m))
    .map(({ id, reason, expires }) => ({ check: id, reason, expires }));
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
