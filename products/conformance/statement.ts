// The conformance statement: after a run, for every rule of the inventory (src/contract/inventory.ts), what the run
// says of it. The format of reports/conformance.json, read by its page, the health check and `npm run explain`.
//
// - verified: a check of the rule held (and none failed or warned);
// - failed / warned: a check did not hold (its finding names the rule);
// - not reached: a check exists but never met the rule's situation here (its tests were skipped, with their reason;
//   or they ran and the tenant never put them in it). "not reached on this tenant" when the embedded mock's
//   reference run verifies it (lost coverage: the gate stays green, CEC_REQUIRE_COVERAGE=1 makes it fail);
// - no check: nothing in the suite can fail for it;
// - not black-box: no request a client can send checks it (argued in docs/rules.md), never counted as verified;
// - not applicable: only tests this target does not run reach it (mock-only, side effects off);
// - disabled: switched off by id (CEC_SKIP_RULES), with the reason.
import type { InventoryRule, RuleInventory, RuleOrigin } from '../../src/contract/inventory.js';
import type { Strength } from '../../src/contract/rules.js';
import type { Finding, TestOutcome } from '../findings/model.js';

export const RULE_STATUSES = ['failed', 'warned', 'verified', 'not-reached', 'no-check', 'not-black-box', 'not-applicable', 'disabled'] as const;
export type RuleStatus = typeof RULE_STATUSES[number];

export interface RuleVerdict extends InventoryRule {
  status: RuleStatus;
  /** Why not verified: a skip reason, the situation never met, disabled's reason. */
  reason?: string;
  /** Reached on the embedded mock's reference run, not here. */
  lostCoverage?: boolean;
  /** Tests whose check of it held or did not hold (the first few). */
  tests: string[];
  /** The findings that name it (ids on the findings page). */
  findings: string[];
}

export type Counts = Record<RuleStatus, number>;

/** What a run against the embedded mock reached (conformance-reference.json, reference.ts reads and writes it). */
export interface ConformanceReference {
  made: { from: string; seed: string; at: string };
  rules: Record<string, { status: 'verified' | 'failed' | 'warned'; tests: string[] }>;
}

export interface ConformanceStatement {
  run: { startedAt: string; tenant: string; seed: string; target: string; profile?: string };
  inventory: { total: number; bySource: Record<RuleOrigin, { refuse: number; guidance: number }> };
  counts: Record<Strength, Counts>;
  /** Refuse rules reached on the reference run and not here (their ids). */
  lostCoverage: string[];
  requireCoverage: boolean;
  rules: RuleVerdict[];
}

export interface StatementInput {
  inventory: RuleInventory;
  tests: readonly TestOutcome[];
  findings: readonly Finding[];
  reference?: ConformanceReference;
  skipRules?: Record<string, string>;
  requireCoverage?: boolean;
  run: ConformanceStatement['run'];
}

/** A skip that says the target does not run the test at all (not a tenant's behaviour). */
const NOT_FOR_TARGET = /CEC_ALLOW_SIDE_EFFECTS|needs the mock tenant|admin endpoint/;
const MAX_TESTS = 5;

const zero = (): Counts => Object.fromEntries(RULE_STATUSES.map((s) => [s, 0])) as Counts;

/** What the response rule needed that no answer brought. */
function situation(r: InventoryRule): string {
  if (r.origin === 'spec' && r.direction === 'response') return `no ${r.operationId} answer HTTP ${r.status} carried ${r.at?.replace(/^\/body/, '') || 'a body'}`;
  if (r.origin === 'exchange') return `no ${r.operationId} answer met it`;
  return 'its situation never arose';
}

export function buildStatement(input: StatementInput): ConformanceStatement {
  const held = new Map<string, string[]>();
  const seen = new Map<string, { verdicts: Set<string>; tests: string[] }>();
  const byName = new Map<string, TestOutcome>();
  const push = (list: string[], name: string): void => {
    if (!list.includes(name) && list.length < MAX_TESTS) list.push(name);
  };
  // By name: the tests each rule lists do not depend on the order the workers finished them in.
  for (const t of [...input.tests].sort((a, b) => a.name.localeCompare(b.name))) {
    byName.set(t.name, t);
    for (const id of t.held ?? []) {
      let list = held.get(id);
      if (!list) held.set(id, (list = []));
      push(list, t.name);
    }
    for (const o of t.observations) {
      if (!o.ruleId) continue;
      let s = seen.get(o.ruleId);
      if (!s) seen.set(o.ruleId, (s = { verdicts: new Set(), tests: [] }));
      s.verdicts.add(o.verdict);
      push(s.tests, t.name);
    }
  }
  const findingsOf = new Map<string, string[]>();
  for (const f of input.findings) if (f.ruleId) (findingsOf.get(f.ruleId) ?? findingsOf.set(f.ruleId, []).get(f.ruleId)!).push(f.id);

  const rules: RuleVerdict[] = input.inventory.rules.map((r) => {
    const base = { ...r, tests: [...(seen.get(r.id)?.tests ?? []), ...(held.get(r.id) ?? [])].filter((x, i, a) => a.indexOf(x) === i).slice(0, MAX_TESTS), findings: findingsOf.get(r.id) ?? [] };
    const disabled = input.skipRules?.[r.id];
    if (disabled !== undefined) return { ...base, status: 'disabled', reason: disabled };
    if (r.notBlackBox) return { ...base, status: 'not-black-box', reason: r.notBlackBox };
    const s = seen.get(r.id);
    if (s?.verdicts.has('fail')) return { ...base, status: 'failed' };
    if (s?.verdicts.has('warn')) return { ...base, status: 'warned' };
    if (held.has(r.id)) return { ...base, status: 'verified' };
    // Not reached here: why, from what reaches it on the embedded mock.
    const ref = input.reference?.rules[r.id];
    if (ref) {
      const tests = ref.tests.map((n) => byName.get(n)).filter((t): t is TestOutcome => !!t);
      const skipped = tests.filter((t) => t.status === 'skipped');
      const reasons = [...new Set(skipped.map((t) => t.skipReason ?? 'skipped'))];
      if (tests.length && skipped.length === tests.length && reasons.every((x) => NOT_FOR_TARGET.test(x))) {
        return { ...base, status: 'not-applicable', reason: reasons.join('; ') };
      }
      // Lost: a test that reaches it on the mock was part of this run and did not reach it (a run that did not select
      // those tests, e.g. the health check's subset, lost nothing).
      // A model rule is reached by the exploration's random steps: not a promise the next run keeps (not lost coverage).
      // A response rule whose tests ran and met answers without its field: the tenant chose the other lawful answer
      // (an optional field left out, the other alternative), which no test can make it give: not lost either.
      const answered = r.origin === 'spec' && r.direction === 'response';
      const failedFirst = tests.some((t) => t.status === 'failed' || t.status === 'timedOut');
      const ranWithout = skipped.length < tests.length && !failedFirst;
      const lost = ref.status === 'verified' && tests.length > 0 && r.origin !== 'model' && !(answered && ranWithout);
      const why = !tests.length ? `the tests that reach it on the mock were not part of this run (${ref.tests.slice(0, 2).join('; ')})`
        : skipped.length === tests.length ? `its tests were skipped: ${reasons.join('; ')}`
          : failedFirst ? 'its tests failed before they reached it (see the findings)'
            : answered ? `the tenant answered without it: ${situation(r)} (an optional field left out or the other documented alternative; binds only when sent)`
              : `its tests ran but never met its situation (${situation(r)})`;
      return { ...base, status: 'not-reached', reason: lost ? `not reached on this tenant: ${why}` : why, ...(lost ? { lostCoverage: true } : {}) };
    }
    // A response rule: the answer checks judge every answer, so a check exists; the answer never came. A model rule:
    // the exploration checks it in the situation it speaks of, which this run's random steps never met.
    if ((r.origin === 'spec' && r.direction === 'response') || r.origin === 'exchange') return { ...base, status: 'not-reached', reason: situation(r) };
    if (r.origin === 'model') return { ...base, status: 'not-reached', reason: 'the exploration\'s check of it never met its situation (it records a pass only where it could have failed)' };
    return { ...base, status: 'no-check', reason: 'nothing in the suite can fail for it' };
  });

  const counts = { refuse: zero(), guidance: zero() };
  for (const r of rules) counts[r.strength][r.status]++;
  // Refuse rules first, then by operation and id.
  const order = (r: RuleVerdict): number => (r.strength === 'refuse' ? 0 : 1);
  rules.sort((a, b) => order(a) - order(b) || (a.operationId ?? '').localeCompare(b.operationId ?? '') || a.id.localeCompare(b.id));
  return {
    run: input.run,
    inventory: { total: rules.length, bySource: input.inventory.sizes() },
    counts,
    lostCoverage: rules.filter((r) => r.lostCoverage && r.strength === 'refuse').map((r) => r.id),
    requireCoverage: input.requireCoverage ?? false,
    rules,
  };
}

/** Why the refuse rules that were not reached were not, most common first: "12 its tests were skipped: …". */
export function notReachedReasons(s: ConformanceStatement, strength: Strength = 'refuse', limit = 3): string[] {
  const by = new Map<string, number>();
  for (const r of s.rules) {
    if (r.strength !== strength || r.status !== 'not-reached') continue;
    const why = (r.reason ?? '').replace(/^not reached on this tenant: /, '').replace(/ \((?:contract|e2e|negative|positive|explore)\/.*\)$/, '').replace(/: (.{60}).*$/, ': $1…').replace(/^no \S+ answer HTTP (\d+) carried .*/, 'no answer HTTP $1 came with that field').replace(/\(no .*\)$/, '(the answer never came)');
    by.set(why, (by.get(why) ?? 0) + 1);
  }
  return [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([why, n]) => `${n} ${why}`);
}

/** The terminal's summary line: "verified 318 of 335 refuse rules; 17 not reached (why); 0 without a check". */
export function summaryLine(s: ConformanceStatement): string {
  const c = s.counts.refuse;
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  const parts = [`verified ${c.verified} of ${total} refuse rules`];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.warned) parts.push(`${c.warned} warned`);
  const why = notReachedReasons(s, 'refuse', 2);
  parts.push(`${c['not-reached']} not reached${why.length ? ` (${why.join('; ')}${c['not-reached'] > why.reduce((a, w) => a + Number(w.split(' ')[0]), 0) ? '; …' : ''})` : ''}`);
  parts.push(`${c['no-check']} without a check`);
  if (c['not-black-box']) parts.push(`${c['not-black-box']} not checkable black-box`);
  if (c['not-applicable']) parts.push(`${c['not-applicable']} not applicable to this target`);
  if (c.disabled) parts.push(`${c.disabled} disabled`);
  const g = s.counts.guidance;
  parts.push(`guidance: ${g.verified} verified, ${g.warned} warned, ${g['not-reached']} not reached, ${g['no-check']} without a check`);
  return parts.join('; ');
}

/** The lost coverage, in lines for the terminal (and the gate's reason when CEC_REQUIRE_COVERAGE=1). */
export function lostCoverageLines(s: ConformanceStatement, limit = 10): string[] {
  if (!s.lostCoverage.length) return [];
  const byId = new Map(s.rules.map((r) => [r.id, r]));
  const lines = [`${s.lostCoverage.length} refuse rule(s) the embedded mock reaches were not reached on this tenant${s.requireCoverage ? ' (CEC_REQUIRE_COVERAGE=1: the gate fails)' : ' (the gate stays green; CEC_REQUIRE_COVERAGE=1 makes it fail)'}:`];
  for (const id of s.lostCoverage.slice(0, limit)) lines.push(`  ${id}: ${byId.get(id)?.reason ?? ''}`);
  if (s.lostCoverage.length > limit) lines.push(`  … and ${s.lostCoverage.length - limit} more (reports/conformance/index.html)`);
  return lines;
}
