// The health check's history: one record per run ("night") in a JSON-lines file that outlives the run's own reports
// (<reports>/health-history/nights.jsonl; the health run's directory <reports>/health/ is emptied at each start).
// Allure's own history file sits beside it (allure-history.jsonl), so keeping that one folder between runs keeps both.
// The newest CEC_HEALTH_HISTORY_NIGHTS records are kept (default 30). Everything in a record is masked.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { maskText } from '../../src/contract/secrets.js';
import { reasonOf, type CheckStatus, type HealthReport, type OperationLatency, type Verdict } from './classify.js';
import type { NightFinding, RunFindings } from './findings.js';
import type { SuiteConfig } from '../../src/suite/config.js';
import type { Breach } from './budgets.js';
import { CERTIFICATE_FINDING, type CertificateInfo } from './certificate.js';


export const HISTORY_VERSION = 1;
export const DEFAULT_HISTORY_NIGHTS = 30;

/**
 * A check's state on one night: passed, passed with a warning, failed then passed on its retry, failed on an answer,
 * got no answer, did not apply.
 */
export type CellStatus = 'pass' | 'warn' | 'flaky' | 'fail' | 'unreachable' | 'skipped';

/** A check's id without its file (`<describe> › … › <title>`): how the page and the quarantine name it. */
export const checkTitle = (id: string): string => id.replace(/^[^›]*› /, '');

export interface NightCheck {
  /** `<file> › <describe> › … › <title>`: the same test on every night. */
  id: string;
  status: CellStatus;
  /** Median and slowest latency of its answered requests (ms). */
  latencyMs: number | null;
  maxLatencyMs: number | null;
  requests: number;
  transient: number;
  /** Why it failed or warned (for a flaky one: why its first attempt failed), one line. */
  reason?: string;
  /** On the quarantine list that night: its failure did not count. */
  quarantined?: boolean;
}

export interface Night {
  v: typeof HISTORY_VERSION;
  startedAt: string;
  durationMs: number;
  /** The tenant's base URL (masked), or the embedded mock's. */
  tenant: string;
  seed?: string;
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  /** Why the run stopped before its checks, or its global errors: the first line. */
  detail?: string;
  /** `flaky` is absent in nights recorded before the flake policy. */
  counts: Record<Exclude<CheckStatus, 'flaky'>, number> & { flaky?: number };
  checks: NightCheck[];
  operations: Record<string, OperationLatency>;
  findings: NightFinding[];
  /** Signatures of tonight's findings the baseline marks as known (they do not fail the gate). */
  known: string[];
  findingsSource: RunFindings['source'];
  /** Tonight's budget breaches, and whether budgets judged the night at all. */
  budgets?: { applied: boolean; reason?: string; breaches: Breach[] };
  /** The TLS certificates read tonight. */
  certificates?: CertificateInfo[];
  /** Tonight's conformance statement in numbers (reports/health/conformance.json), when the run wrote one. */
  rules?: NightRules;
  /** A partial night (`npm run health -- --grep`): the regular expression its checks matched. */
  grep?: string;
}

/** What a night verified: refuse rules verified of all, not reached, without a check, lost against the mock's reference. */
export interface NightRules {
  refuse: number;
  verified: number;
  notReached: number;
  noCheck: number;
  lostCoverage: number;
}

export interface HistoryFiles {
  /** <reports>/health-history/: every tenant's history (the folder to keep between runs). */
  root: string;
  /** This tenant's folder in it. */
  dir: string;
  /** This project's records, one night per line. */
  nights: string;
  /** Allure 3's history (historyPath): its trend charts and each test's history in the Allure report. */
  allure: string;
}

/**
 * The history is kept per tenant, so a night against the mock never enters a tenant's history (nor one tenant's
 * another's): `mock` for any mock, else the tenant's host, port and path (`tenant-service.example.com`).
 */
export function historyKey(c: Pick<SuiteConfig, 'target' | 'baseUrl'>): string {
  if (c.target === 'mock') return 'mock';
  const u = new URL(c.baseUrl);
  return `tenant-${`${u.hostname}${u.port ? `_${u.port}` : ''}${u.pathname === '/' ? '' : u.pathname}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '_').replace(/_+$/, '')}`;
}

export const historyFiles = (reportsDir: string, key: string): HistoryFiles => {
  const root = join(reportsDir, 'health-history');
  const dir = join(root, key);
  return { root, dir, nights: join(dir, 'nights.jsonl'), allure: join(dir, 'allure-history.jsonl') };
};

/** The history folder written last (the last night's tenant), if any. */
export function latestHistory(reportsDir: string): HistoryFiles | undefined {
  const root = join(reportsDir, 'health-history');
  if (!existsSync(root)) return undefined;
  const keys = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'nights.jsonl'))).map((d) => d.name);
  const newest = keys.map((k) => ({ k, t: statSync(join(root, k, 'nights.jsonl')).mtimeMs })).sort((a, b) => b.t - a.t)[0];
  return newest ? historyFiles(reportsDir, newest.k) : undefined;
}

const cellOf = (c: HealthReport['checks'][number]): CellStatus =>
  c.status === 'ok' ? (c.warnings?.length ? 'warn' : 'pass') : c.status === 'failed' ? 'fail' : c.status;

/** Findings the night adds to the run's: each budget breach, and each certificate warning (with rule and source). */
function monitorFindings(report: HealthReport): NightFinding[] {
  const budgets = (report.budgets?.breaches ?? []).map((b): NightFinding => ({
    signature: `budget: ${b.operationId} ${b.metric === 'errorRate' ? 'error rate' : b.metric} over its ${b.level} level`,
    verdict: b.level === 'fail' ? 'fail' : 'warn', checks: [], operationId: b.operationId,
    rule: b.text, source: `latency budgets (${report.budgets!.file})`,
  }));
  const certs = (report.certificates ?? []).filter((c) => c.warning).map((c): NightFinding => ({
    signature: `${CERTIFICATE_FINDING}${c.endpoint} ends ${c.validTo?.slice(0, 10)}`, verdict: 'warn', checks: [],
    rule: c.warning, source: 'TLS certificate of the tenant (CEC_HEALTH_CERT_DAYS)',
  }));
  return [...budgets, ...certs];
}

/** Tonight's record, from the (masked) health report, its findings and the seed the run used. */
export function nightOf(report: HealthReport, findings: RunFindings, seed?: string, rules?: NightRules): Night {
  const firstLine = report.detail?.split('\n').find((l) => l.trim())?.trim();
  const quarantined = new Set(report.checks.filter((c) => c.quarantined).flatMap((c) => [`${c.file} › ${c.name}`, c.name]));
  return {
    v: HISTORY_VERSION,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    tenant: maskText(report.tenant),
    ...(seed ? { seed } : {}),
    verdict: report.verdict,
    exitCode: report.exitCode,
    ...(firstLine ? { detail: firstLine } : {}),
    counts: report.counts,
    checks: report.checks.map((c) => {
      const status = cellOf(c);
      const reason = status === 'fail' || status === 'unreachable' ? (c.detail ? reasonOf(c.detail) : undefined) : status === 'warn' ? c.warnings?.[0] : status === 'flaky' ? c.flakyReason : undefined;
      return {
        id: `${c.file} › ${c.name}`, status, latencyMs: c.latencyMs, maxLatencyMs: c.maxLatencyMs, requests: c.requests, transient: c.transient,
        ...(reason ? { reason } : {}), ...(c.quarantined ? { quarantined: true } : {}),
      };
    }),
    operations: report.operations ?? {},
    findings: [...findings.findings, ...monitorFindings(report)],
    // A finding met only by quarantined checks is known too: it decides nothing.
    known: [...findings.known, ...findings.findings.filter((f) => f.checks.length && f.checks.every((id) => quarantined.has(id) || quarantined.has(checkTitle(id)))).map((f) => f.signature)],
    findingsSource: findings.source,
    ...(report.budgets ? { budgets: { applied: report.budgets.applied, ...(report.budgets.reason ? { reason: report.budgets.reason } : {}), breaches: report.budgets.breaches } } : {}),
    ...(report.certificates?.length ? { certificates: report.certificates } : {}),
    ...(rules ? { rules } : {}),
    ...(report.grep !== undefined ? { grep: report.grep } : {}),
  };
}

/** The kept nights, oldest first; lines that are not a record of this version are left out. */
export function readHistory(file: string): Night[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).flatMap((line) => {
    try {
      const n = JSON.parse(line) as Night;
      return n && n.v === HISTORY_VERSION && typeof n.startedAt === 'string' && Array.isArray(n.checks) ? [n] : [];
    } catch {
      return [];
    }
  });
}

/** Adds tonight and keeps the newest `keep` nights; returns them, oldest first. Written whole, then renamed. */
export function appendNight(file: string, night: Night, keep: number): Night[] {
  const nights = [...readHistory(file), night].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).slice(-Math.max(1, keep));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, maskText(nights.map((n) => JSON.stringify(n)).join('\n') + '\n'));
  renameSync(tmp, file);
  return nights;
}
