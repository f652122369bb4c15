// The health check's history: one record per run ("night") in a JSON-lines file that outlives the run's own reports
// (<reports>/health-history/nights.jsonl; the health run's directory <reports>/health/ is emptied at each start).
// Allure's own history file sits beside it (allure-history.jsonl), so keeping that one folder between runs keeps both.
// The newest CEC_HEALTH_HISTORY_NIGHTS records are kept (default 30). Everything in a record is masked.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { maskText } from '../../src/contract/secrets.js';
import { reasonOf, type CheckStatus, type HealthReport, type OperationLatency, type Verdict } from './classify.js';
import type { NightFinding, RunFindings } from './findings.js';

export const HISTORY_VERSION = 1;
export const DEFAULT_HISTORY_NIGHTS = 30;

/** A check's state on one night: passed, passed with a warning, failed on an answer, got no answer, did not apply. */
export type CellStatus = 'pass' | 'warn' | 'fail' | 'unreachable' | 'skipped';

export interface NightCheck {
  /** `<file> › <describe> › … › <title>`: the same test on every night. */
  id: string;
  status: CellStatus;
  /** Median and slowest latency of its answered requests (ms). */
  latencyMs: number | null;
  maxLatencyMs: number | null;
  requests: number;
  transient: number;
  /** Why it failed or warned, one line. */
  reason?: string;
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
  counts: Record<CheckStatus, number>;
  checks: NightCheck[];
  operations: Record<string, OperationLatency>;
  findings: NightFinding[];
  /** Signatures of tonight's findings the baseline marks as known (they do not fail the gate). */
  known: string[];
  findingsSource: RunFindings['source'];
}

export interface HistoryFiles {
  dir: string;
  /** This project's records, one night per line. */
  nights: string;
  /** Allure 3's history (historyPath): its trend charts and each test's history in the Allure report. */
  allure: string;
}

export const historyFiles = (reportsDir: string): HistoryFiles => {
  const dir = join(reportsDir, 'health-history');
  return { dir, nights: join(dir, 'nights.jsonl'), allure: join(dir, 'allure-history.jsonl') };
};

const cellOf = (c: HealthReport['checks'][number]): CellStatus =>
  c.status === 'ok' ? (c.warnings?.length ? 'warn' : 'pass') : c.status === 'failed' ? 'fail' : c.status;

/** Tonight's record, from the (masked) health report, its findings and the seed the run used. */
export function nightOf(report: HealthReport, findings: RunFindings, seed?: string): Night {
  const firstLine = report.detail?.split('\n').find((l) => l.trim())?.trim();
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
      const reason = status === 'fail' || status === 'unreachable' ? (c.detail ? reasonOf(c.detail) : undefined) : status === 'warn' ? c.warnings?.[0] : undefined;
      return {
        id: `${c.file} › ${c.name}`, status, latencyMs: c.latencyMs, maxLatencyMs: c.maxLatencyMs, requests: c.requests, transient: c.transient,
        ...(reason ? { reason } : {}),
      };
    }),
    operations: report.operations ?? {},
    findings: findings.findings,
    known: findings.known,
    findingsSource: findings.source,
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
