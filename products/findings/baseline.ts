// The known-findings baseline: a committed YAML file of accepted findings (signature, reason, expiry date). A run
// reports a known finding as known and does not fail on it; an expired entry counts as new; an entry no finding
// matched is resolved (the run says so, so the entry can be removed).
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { readExpiringList } from './expiring-list.js';
import type { BaselineEntry, BaselineStatus, Finding } from './model.js';

export class BaselineError extends Error {}

export function readBaseline(file: string): BaselineEntry[] {
  return readExpiringList(file, 'findings', 'signature', '', (m) => new BaselineError(m)).map(({ id, reason, expires, fields }) =>
    ({ signature: id, ...(typeof fields.rule === 'string' ? { rule: fields.rule } : {}), reason, expires }));
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  const head = '# Known findings (npm run baseline writes the current ones here). A known finding is reported as known and\n'
    + '# fails neither the gate nor the health check; after `expires` it counts as new again. Give each a reason.\n';
  writeFileSync(file, `${head}${stringify({ findings: entries.map((e) => ({ signature: e.signature, ...(e.rule ? { rule: e.rule } : {}), reason: e.reason, expires: e.expires })) })}`);
}

/** Each finding's standing against the baseline on `today` (YYYY-MM-DD), and the entries nothing matched. */
export function classify<F extends Omit<Finding, 'status' | 'baseline'>>(findings: readonly F[], baseline: readonly BaselineEntry[], today: string): { findings: Array<F & { status: BaselineStatus; baseline?: BaselineEntry }>; resolved: BaselineEntry[] } {
  const bySig = new Map(baseline.map((e) => [e.signature, e]));
  const out = findings.map((f) => {
    const entry = bySig.get(f.signature);
    if (!entry) return { ...f, status: 'new' as const };
    return { ...f, status: entry.expires < today ? 'expired' as const : 'known' as const, baseline: entry };
  });
  const met = new Set(findings.map((f) => f.signature));
  return { findings: out, resolved: baseline.filter((e) => !met.has(e.signature)) };
}

/**
 * Puts `findings` into the baseline file: existing entries keep their reason and expiry, new ones get `reason` and an
 * expiry `days` from today; entries no longer met (not among `findings`) are dropped.
 */
export function updateBaseline(file: string, findings: ReadonlyArray<Pick<Finding, 'signature' | 'ruleId'>>, reason: string, days: number, today = new Date()): { added: number; kept: number } {
  const existing = new Map(readBaseline(file).map((e) => [e.signature, e]));
  const expires = new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  let added = 0;
  const entries = findings.map((f) => {
    const old = existing.get(f.signature);
    if (old) return { ...old, ...(f.ruleId ? { rule: f.ruleId } : {}) };
    added++;
    return { signature: f.signature, ...(f.ruleId ? { rule: f.ruleId } : {}), reason, expires };
  });
  writeBaseline(file, entries);
  return { added, kept: entries.length - added };
}
