// Turns a Playwright JSON report of the @health subset into health checks, and the checks into one verdict.
export type CheckStatus = 'ok' | 'failed' | 'unreachable' | 'skipped';
export type Verdict = 'healthy' | 'broken' | 'unreachable' | 'misconfigured';

export interface HealthCheck {
  name: string;
  file: string;
  status: CheckStatus;
  latencyMs: number;
  detail?: string;
}

export interface HealthReport {
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  tenant: string;
  startedAt: string;
  durationMs: number;
  checks: HealthCheck[];
  detail?: string;
}

/** Errors that mean no answer came, as opposed to a wrong answer. */
const NETWORK_ERROR = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|Request timed out|Timeout \d+ms exceeded while|tenant unreachable/i;

interface JsonSpec { title: string; file: string; tests: Array<{ results: Array<{ status: string; duration: number; error?: { message?: string }; errors?: Array<{ message?: string }> }> }> }
interface JsonSuite { title: string; specs?: JsonSpec[]; suites?: JsonSuite[] }
export interface JsonReport { suites?: JsonSuite[]; errors?: Array<{ message?: string }> }

const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

export function checksFromReport(report: JsonReport): HealthCheck[] {
  const checks: HealthCheck[] = [];
  const visit = (suite: JsonSuite, path: string[]): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const last = t.results.at(-1);
        if (!last) continue;
        const message = strip(last.error?.message ?? last.errors?.map((e) => e.message).join('\n') ?? '');
        const status: CheckStatus = last.status === 'passed' ? 'ok' : last.status === 'skipped' ? 'skipped'
          : NETWORK_ERROR.test(message) ? 'unreachable' : 'failed';
        checks.push({ name: [...path, spec.title].filter(Boolean).join(' › '), file: spec.file, status, latencyMs: last.duration, ...(status === 'ok' || status === 'skipped' ? {} : { detail: message.split('\n').slice(0, 12).join('\n') }) });
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  for (const s of report.suites ?? []) visit(s, []);
  return checks;
}

export function verdictOf(checks: HealthCheck[]): { verdict: Verdict; exitCode: 0 | 1 | 2 } {
  if (checks.some((c) => c.status === 'unreachable')) return { verdict: 'unreachable', exitCode: 2 };
  if (checks.some((c) => c.status === 'failed')) return { verdict: 'broken', exitCode: 1 };
  if (!checks.some((c) => c.status === 'ok')) return { verdict: 'broken', exitCode: 1 };
  return { verdict: 'healthy', exitCode: 0 };
}

export function summary(r: HealthReport): string {
  const icon: Record<CheckStatus, string> = { ok: 'ok  ', failed: 'FAIL', unreachable: 'DOWN', skipped: 'skip' };
  const lines = [`CEC tenant health: ${r.verdict.toUpperCase()} (exit ${r.exitCode}) — ${r.tenant}, ${(r.durationMs / 1000).toFixed(1)} s`];
  if (r.detail) lines.push(`  ${r.detail}`);
  for (const c of r.checks) {
    lines.push(`  ${icon[c.status]} ${c.name.slice(0, 90).padEnd(90)} ${String(c.latencyMs).padStart(6)} ms`);
    if (c.detail) lines.push(`       ${c.detail.split('\n').find((l) => l.trim()) ?? ''}`.slice(0, 160));
  }
  const count = (s: CheckStatus) => r.checks.filter((c) => c.status === s).length;
  lines.push(`  ${count('ok')} ok, ${count('failed')} failed, ${count('unreachable')} unreachable, ${count('skipped')} skipped — reports/health.json`);
  return lines.join('\n');
}
