// Turns a Playwright JSON report of the @health subset (and the run's exchange records) into health checks, and the
// checks into one verdict:
//
// - ok: the test passed; flaky: it failed, and passed on its one retry the same night (shown and counted, never a
//   failure or an alert by itself); failed: it failed on an answer (a contract or behaviour is broken), its retry too;
//   unreachable: it failed because no answer came (connection refused or reset, DNS, TLS, timeout); skipped: it did
//   not apply. A failed or unreachable check on the quarantine list (health-quarantine.yaml, quarantine.ts) is shown
//   and counted but does not decide the verdict.
// - healthy (exit 0): at least one check ok and none failed or unreachable.
// - degraded (exit 0): healthy, but an operation's latency or error rate is over its "degraded" budget (budgets.ts).
// - broken (exit 1): a check failed; or some checks went unanswered while others passed (an intermittent outage is
//   a behaviour of the tenant); or nothing ran at all.
// - unreachable (exit 2): no check got through and some went unanswered, or global setup could not reach the tenant.
// - misconfigured (exit 2): the configuration is wrong, the tenant refused the AK/SK, or the run could not start.
// - throttled (exit 2): every check that failed did so because the gateway's flow control outlasted the retry budget
//   (src/suite/flow-control.ts): the tenant protected itself, it broke no rule, and the night judged nothing.
//   Throttled answers within the budget are only counted (`throttled` of the report).
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import { FLOW_CONTROL_CODE } from '../../src/suite/resilience.js';
import type { AlertOutcome } from './alert-outcome.js';
import type { BudgetJudgement } from './budgets.js';
import type { CertificateInfo } from './certificate.js';
import type { OperationLatency } from './latency.js';

export type CheckStatus = 'ok' | 'flaky' | 'failed' | 'unreachable' | 'skipped';
export type Verdict = 'healthy' | 'degraded' | 'broken' | 'unreachable' | 'misconfigured' | 'throttled';

export interface HealthCheck {
  /** Title path below the file: describe blocks and the test title. */
  name: string;
  file: string;
  status: CheckStatus;
  /** Wall time of the test (ms). */
  durationMs: number;
  /** The check's requests: how many were sent (retries included), their median and slowest latency (ms). */
  requests: number;
  latencyMs: number | null;
  maxLatencyMs: number | null;
  /** Answers that were retried as transient (503, 429, flow control) and requests that got no answer. */
  transient: number;
  noAnswer: number;
  /** Why it failed (the first lines of the error), or why it was skipped. */
  detail?: string;
  /** Guidance the check found broken without failing (annotations of type `warning`): the check passed with a warning. */
  warnings?: string[];
  /** Runs of the test tonight: 2 when it failed and was retried. */
  attempts?: number;
  /** A flaky check: why its first attempt failed (one line). */
  flakyReason?: string;
  /** On the quarantine list: its failure is shown and counted but does not decide the verdict. */
  quarantined?: { reason: string; expires: string };
}

export interface HealthReport {
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  tenant: string;
  startedAt: string;
  durationMs: number;
  /** The rate, retry and timeout settings the run used. */
  policy?: { maxRps: number; retries: number; requestTimeoutMs: number };
  counts: Record<CheckStatus, number>;
  checks: HealthCheck[];
  /** What stopped the run before its checks (unreachable, misconfigured), or other global errors. */
  detail?: string;
  /** Where the health run's own reports are (JUnit, Playwright JSON, HTML, Allure, exchange records). */
  reports?: string;
  /** Latency per operationId over the run's answered requests (ms), from the exchange records. */
  operations?: Record<string, OperationLatency>;
  /** Tonight's operations judged against their budgets (budgets.ts): breaches, and why some were not judged. */
  budgets?: BudgetJudgement;
  /** The TLS certificates of the tenant (and CC-Gateway) hosts, read tonight (certificate.ts). */
  certificates?: CertificateInfo[];
  /** Quarantine entries that expired (their checks count again), and entries no check matched. */
  quarantine?: { file: string; active: number; expired: string[]; unmatched: string[] };
  /** What the alert step did (alerts.ts): never changes the verdict or the exit code. */
  alert?: AlertOutcome;
  /** The gateway's flow control met (HTTP 429, resultCode "10010000002"): answers, and the wait they caused (ms). */
  throttled?: ThrottleCount;
  /** A partial night (`--grep`): only the @health checks whose title matched this regular expression ran. */
  grep?: string;
}

/** How a partial night is told everywhere it is shown: "a partial night: only the @health checks matching /poll/ ran (--grep), …". */
export const partialText = (grep: string): string => `a partial night: only the @health checks matching /${grep}/ ran (--grep), not the whole health check`;

/** How often the gateway throttled the run and how long the client waited for it. */
export interface ThrottleCount { count: number; waitedMs: number }

/** The throttled answers among exchange records. */
export function throttleCountOf(records: ReadonlyArray<Pick<ExchangeRecord, 'throttled'>>): ThrottleCount {
  const hit = records.filter((r) => r.throttled);
  return { count: hit.length, waitedMs: hit.reduce((s, r) => s + (r.throttled?.waitMs ?? 0), 0) };
}

/** "throttled 37 times, waited 41 s" */
export const describeThrottling = (t: ThrottleCount): string => `throttled ${t.count} time${t.count === 1 ? '' : 's'}, waited ${Math.round(t.waitedMs / 1000)} s`;

/** A check's failure that is the spent throttle budget (ThrottledError), not an answer. */
export const THROTTLED_ERROR = /ThrottledError|^\s*(Error: )?Throttled: /m;

export type { OperationLatency };

/** Errors that mean no answer came, as opposed to a wrong answer. */
export const NETWORK_ERROR = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|Request timed out|Timeout \d+ms exceeded|NoAnswerError|No answer from|tenant unreachable|CC-Gateway unreachable|UnreachableError|certificate|SSL routines/i;
/** Global errors that mean the run is set up wrong (not the tenant's behaviour). */
export const MISCONFIGURED = /ConfigError|CredentialsRefusedError|refused CEC_APP_KEY|Invalid suite configuration|No tests found|Error: Cannot find module|SyntaxError/i;

interface JsonResult { status: string; duration: number; error?: { message?: string }; errors?: Array<{ message?: string }>; annotations?: Array<{ type: string; description?: string }> }
interface JsonSpec { title: string; file: string; tests: Array<{ status?: string; results: JsonResult[]; annotations?: Array<{ type: string; description?: string }> }> }
interface JsonSuite { title: string; file?: string; specs?: JsonSpec[]; suites?: JsonSuite[] }
export interface JsonReport { suites?: JsonSuite[]; errors?: Array<{ message?: string }> }

export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** The key that ties a test in the JSON report to its exchange records: file › describe › … › title. */
export const checkKey = (file: string, titlePath: readonly string[]): string => [file, ...titlePath].join(' › ');

/** Exchange records grouped by the test that sent them (checkKey). */
export function recordsByCheck(records: readonly Pick<ExchangeRecord, 'test' | 'durationMs' | 'status' | 'resultCode'>[]): Map<string, Array<Pick<ExchangeRecord, 'durationMs' | 'status' | 'resultCode'>>> {
  const out = new Map<string, Array<Pick<ExchangeRecord, 'durationMs' | 'status' | 'resultCode'>>>();
  for (const r of records) {
    if (!r.test) continue;
    const key = checkKey(r.test.file, r.test.titlePath);
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(r);
  }
  return out;
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

export function checksFromReport(report: JsonReport, records: ReturnType<typeof recordsByCheck> = new Map()): HealthCheck[] {
  const checks: HealthCheck[] = [];
  const visit = (suite: JsonSuite, path: string[]): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const last = t.results.at(-1);
        if (!last) continue;
        const messageOf = (r: JsonResult): string => stripAnsi(r.error?.message ?? r.errors?.map((e) => e.message).join('\n') ?? '');
        const message = messageOf(last);
        // Failed, then passed on its retry: Playwright's "flaky" (the test's status; its results list both attempts).
        const firstFailure = t.results.find((r) => r.status !== 'passed' && r.status !== 'skipped');
        const flaky = last.status === 'passed' && (t.status === 'flaky' || firstFailure !== undefined);
        const status: CheckStatus = flaky ? 'flaky' : last.status === 'passed' ? 'ok' : last.status === 'skipped' ? 'skipped'
          : NETWORK_ERROR.test(message) ? 'unreachable' : 'failed';
        const flakyReason = flaky && firstFailure ? reasonOf(messageOf(firstFailure)) : undefined;
        const titlePath = [...path, spec.title];
        const mine = records.get(checkKey(spec.file, titlePath)) ?? [];
        const answered = mine.filter((r) => r.status !== null);
        const skipReason = [...(last.annotations ?? []), ...(t.annotations ?? [])].find((a) => a.type === 'skip')?.description;
        // Failed on every attempt: the first attempt's error is the cause; a retry may meet what the first one left
        // behind (an agent's call already ended, say) and fail another way.
        const cause = firstFailure ? messageOf(firstFailure) : message;
        const detail = status === 'failed' || status === 'unreachable' ? cause.split('\n').filter((l) => l.trim()).slice(0, 12).join('\n')
          : status === 'skipped' ? skipReason : undefined;
        const warnings = [...(last.annotations ?? []), ...(t.annotations ?? [])].filter((a) => a.type === 'warning').map((a) => a.description ?? 'warning');
        checks.push({
          name: titlePath.join(' › '),
          file: spec.file,
          status,
          durationMs: last.duration,
          requests: mine.length,
          latencyMs: median(answered.map((r) => r.durationMs)),
          maxLatencyMs: answered.length ? Math.max(...answered.map((r) => r.durationMs)) : null,
          transient: mine.filter((r) => r.status === 503 || r.status === 429 || r.resultCode === FLOW_CONTROL_CODE).length,
          noAnswer: mine.length - answered.length,
          ...(detail ? { detail } : {}),
          ...(warnings.length ? { warnings: [...new Set(warnings)] } : {}),
          ...(t.results.length > 1 ? { attempts: t.results.length } : {}),
          ...(flaky ? { flakyReason: flakyReason ?? 'failed once, passed on its retry' } : {}),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  // The top-level suites are the files; their titles are not part of a test's title path.
  for (const s of report.suites ?? []) visit(s, []);
  return checks;
}

export function countOf(checks: readonly HealthCheck[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, flaky: 0, failed: 0, unreachable: 0, skipped: 0 };
  for (const c of checks) counts[c.status]++;
  return counts;
}

export function verdictOf(checks: readonly HealthCheck[], globalErrors: readonly string[] = []): { verdict: Verdict; exitCode: 0 | 1 | 2; detail?: string } {
  const errors = globalErrors.map(stripAnsi).filter(Boolean);
  const detail = errors.length ? errors.join('\n').slice(0, 1200) : undefined;
  // A quarantined check's failure is shown, not judged; a flaky one passed.
  const n = countOf(checks.filter((c) => !(c.quarantined && (c.status === 'failed' || c.status === 'unreachable'))));
  n.ok += n.flaky;
  const ran = n.ok + n.failed + n.unreachable;
  if (!ran) {
    if (errors.some((m) => MISCONFIGURED.test(m))) return { verdict: 'misconfigured', exitCode: 2, detail };
    if (errors.some((m) => NETWORK_ERROR.test(m))) return { verdict: 'unreachable', exitCode: 2, detail };
    if (errors.length) return { verdict: 'misconfigured', exitCode: 2, detail };
    return { verdict: 'broken', exitCode: 1, detail: checks.length ? 'every @health check was skipped: nothing was checked' : 'the run selected no @health check' };
  }
  const throttledChecks = checks.filter((c) => c.status === 'failed' && !c.quarantined && THROTTLED_ERROR.test(c.detail ?? ''));
  if (n.failed && throttledChecks.length === n.failed) {
    return { verdict: 'throttled', exitCode: 2, detail: detail ?? `${n.failed} check(s) were still throttled by the gateway when their retry budget was spent (CEC_THROTTLE_RETRIES, CEC_THROTTLE_MAX_WAIT_S): the tenant protected itself; nothing was judged broken` };
  }
  if (n.failed) return { verdict: 'broken', exitCode: 1, detail };
  if (n.unreachable && !n.ok) return { verdict: 'unreachable', exitCode: 2, detail };
  if (n.unreachable) return { verdict: 'broken', exitCode: 1, detail: detail ?? `${n.unreachable} check(s) got no answer while ${n.ok} passed: the tenant answers intermittently` };
  if (errors.length) return { verdict: 'broken', exitCode: 1, detail };
  return { verdict: 'healthy', exitCode: 0 };
}

/** One line saying why a check failed: the contract violation when there is one, else the error's first line. */
export function reasonOf(detail: string): string | undefined {
  const lines = detail.split('\n').map((l) => l.trim()).filter(Boolean);
  const i = lines.findIndex((l) => /violated:$/.test(l));
  if (i >= 0 && lines[i + 1]) return `${lines[i]} ${lines[i + 1]}`;
  return lines.find((l) => !/^at /.test(l))?.replace(/^Error: /, '');
}

/** Lines of at most `width` characters, broken at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line.trimEnd();
    const indent = /^\s*/.exec(rest)![0];
    while (rest.length > width) {
      let cut = rest.lastIndexOf(' ', width);
      if (cut <= indent.length) cut = width;
      out.push(rest.slice(0, cut));
      rest = `${indent}  ${rest.slice(cut).trimStart()}`;
    }
    out.push(rest);
  }
  return out;
}

const ms = (v: number | null): string => (v === null ? '     -' : `${String(Math.round(v)).padStart(6)}`);

/** "110 ok, 2 flaky, 0 failed, …": every status, flaky ones only when there are some. */
export const countsText = (r: { counts: Partial<Record<CheckStatus, number>> }): string =>
  `${r.counts.ok ?? 0} ok, ${r.counts.flaky ? `${r.counts.flaky} flaky, ` : ''}${r.counts.failed ?? 0} failed, ${r.counts.unreachable ?? 0} unreachable, ${r.counts.skipped ?? 0} skipped`;

/** The one-screen summary: the verdict, the failing and unreachable checks first (with their reason), then counts. */
export function summary(r: HealthReport, reportPath: string, width = 110): string {
  const icon: Record<CheckStatus, string> = { ok: 'ok  ', flaky: 'FLKY', failed: 'FAIL', unreachable: 'DOWN', skipped: 'skip' };
  const lines = [`CEC tenant health: ${r.verdict.toUpperCase()} (exit ${r.exitCode}) — ${r.tenant}, ${(r.durationMs / 1000).toFixed(1)} s`];
  if (r.policy) lines.push(`  at most ${r.policy.maxRps} requests/s, ${r.policy.retries} retries of transient failures, ${r.policy.requestTimeoutMs} ms per request`);
  if (r.grep !== undefined) lines.push(`  ${partialText(r.grep)}`);
  if (r.detail) lines.push(...wrap(r.detail, width - 2).slice(0, 8).map((l) => `  ${l}`));
  const bad = r.checks.filter((c) => c.status === 'failed' || c.status === 'unreachable');
  const shown = bad.slice(0, 10);
  if (shown.length) lines.push('', `  ${'check'.padEnd(width - 36)} median    max  reqs`);
  for (const c of shown) {
    lines.push(`  ${icon[c.status]} ${c.name.slice(0, width - 41).padEnd(width - 41)} ${ms(c.latencyMs)} ${ms(c.maxLatencyMs)} ${String(c.requests).padStart(5)}`);
    const why = c.detail ? reasonOf(c.detail) : undefined;
    if (why) lines.push(`       ${why}`.slice(0, width));
  }
  if (bad.length > shown.length) lines.push(`  … and ${bad.length - shown.length} more (see ${reportPath})`);
  const answered = r.checks.filter((c) => c.latencyMs !== null);
  const slowest = answered.length ? Math.max(...answered.map((c) => c.maxLatencyMs ?? 0)) : null;
  const requests = r.checks.reduce((s, c) => s + c.requests, 0);
  const transient = r.checks.reduce((s, c) => s + c.transient, 0);
  lines.push('', `  ${countsText(r)}; ${requests} requests (${transient} transient answers retried), slowest ${slowest ?? '-'} ms`);
  const quarantined = r.checks.filter((c) => c.quarantined && (c.status === 'failed' || c.status === 'unreachable')).length;
  if (quarantined) lines.push(`  ${quarantined} failing check(s) quarantined (${r.quarantine?.file ?? 'health-quarantine.yaml'}): shown, not judged`);
  for (const b of r.budgets?.breaches ?? []) lines.push(`  budget ${b.level === 'fail' ? 'FAIL' : 'degraded'}: ${b.text}`);
  for (const c of r.certificates ?? []) if (c.warning) lines.push(`  certificate: ${c.warning}`);
  if (r.throttled?.count) lines.push(`  the gateway's flow control: ${describeThrottling(r.throttled)} (slowed down and retried; not a finding)`);
  if (r.alert) lines.push(`  alert:   ${r.alert.text}`);
  lines.push(`  details: ${reportPath}`);
  return lines.join('\n');
}

/** What the verdict needs of the run's findings (products/findings/, reports/health/findings.json). */
export interface RunFindingsSummary {
  gate: { passed: boolean };
  findings: Array<{ signature: string; verdict: 'fail' | 'warn'; status: string; check: string; tests: string[] }>;
}

/** A finding that says the tenant is down behind its gateway: a 502, 503 or 504 answer. */
const TENANT_DOWN = / server-error HTTP 50[234]$/;

/**
 * The verdict, read with the run's findings: failures that are all known (the baseline) leave the tenant healthy;
 * failures that are all a gateway answering 502/503/504 for the tenant behind it are "unreachable" (exit 2), not a
 * broken contract.
 */
export function verdictWithFindings(v: ReturnType<typeof verdictOf>, findings: RunFindingsSummary | undefined): ReturnType<typeof verdictOf> {
  if (!findings || v.verdict !== 'broken') return v;
  const failing = findings.findings.filter((f) => f.verdict === 'fail' && f.status !== 'known');
  const known = findings.findings.filter((f) => f.verdict === 'fail' && f.status === 'known');
  if (!failing.length && findings.gate.passed && known.length) {
    return { verdict: 'healthy', exitCode: 0, detail: `only known findings failed (the baseline): ${known.map((f) => f.signature).join('; ')}` };
  }
  if (failing.length && failing.every((f) => f.check === 'throttled')) {
    return { verdict: 'throttled', exitCode: 2, detail: `the gateway's flow control outlasted the retry budget: ${failing.map((f) => `${f.signature} (${f.tests.length} checks)`).join('; ')}` };
  }
  if (failing.length && failing.every((f) => TENANT_DOWN.test(f.signature))) {
    return { verdict: 'unreachable', exitCode: 2, detail: `the tenant is down behind its gateway, which answered ${failing.map((f) => f.signature).join('; ')} (retried with backoff)` };
  }
  return v;
}
