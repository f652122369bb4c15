// The statement as JUnit (reports/conformance-junit.xml): one test case per refuse rule, named by its id, so a CI's
// test view shows what a run verified: a failed rule is a failure, a rule not reached, without a check or disabled is
// a skipped case with its reason (lost coverage says so), a verified one passes.
import type { ConformanceStatement } from './statement.js';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function conformanceJunit(s: ConformanceStatement): string {
  const rules = s.rules.filter((r) => r.strength === 'refuse');
  const failures = rules.filter((r) => r.status === 'failed' || (s.requireCoverage && r.lostCoverage)).length;
  const skipped = rules.filter((r) => !['verified', 'failed', 'warned'].includes(r.status) && !(s.requireCoverage && r.lostCoverage)).length;
  const cases = rules.map((r) => {
    const body = r.status === 'failed' ? `<failure message="${esc(`${r.rule} (${r.source})`)}">${esc(r.tests.join('\n'))}</failure>`
      : s.requireCoverage && r.lostCoverage ? `<failure message="${esc(r.reason)}"/>`
        : r.status === 'verified' || r.status === 'warned' ? ''
          : `<skipped message="${esc(`${r.status === 'disabled' ? 'disabled' : r.status.replace('-', ' ')}: ${r.reason ?? ''}`)}"/>`;
    return `  <testcase classname="conformance.${esc(r.operationId ?? 'exchange')}" name="${esc(r.id)}">${body}</testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="conformance statement" tests="${rules.length}" failures="${failures}" skipped="${skipped}">\n<testsuite name="refuse rules" tests="${rules.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n</testsuite>\n</testsuites>\n`;
}
