// Alerts on change: after a night, whether to tell the team (a pure function of the kept nights, so the history is the
// alert state) and what to post to CEC_HEALTH_WEBHOOK_URL (plain JSON, or Slack's incoming-webhook format).
//
// A night is red when its exit code is not 0 (broken, unreachable, misconfigured). The policy, like a monitor's:
// - failing:     the CEC_HEALTH_ALERT_AFTER-th red night in a row (default 2: one bad night is not paged);
// - reminder:    every CEC_HEALTH_REMIND_AFTER further red nights in a row (default 7), not every night;
// - changed:     a red night after the alert with a failing finding that is new tonight (another root cause);
// - recovered:   the first night that is not red after an alerted red run;
// - degraded:    the first DEGRADED night (a latency or error budget's degraded level) after one that was not;
// - certificate: a TLS certificate warning new tonight (alerted once; a renewed certificate that ends soon again is new).
// A flaky check (failed, then passed on its retry) and a quarantined check never alert by themselves: neither makes
// a night red. Nothing in a payload is unmasked (maskText on the whole body; the webhook URL is a secret too).
import { maskText } from '../../src/contract/secrets.js';
import type { AlertOutcome, AlertReason } from './alert-outcome.js';
import { CERTIFICATE_FINDING } from './certificate.js';
import type { NightFinding } from './findings.js';
import type { Night } from './history.js';
import type { WebhookFormat } from './settings.js';

export type { AlertOutcome, AlertReason };


export interface AlertPolicy { alertAfter: number; remindAfter: number }


const red = (n: Night): boolean => n.exitCode !== 0;

/** Red nights in a row ending at nights[i]. */
export function redStreak(nights: readonly Night[], i = nights.length - 1): number {
  let s = 0;
  while (i - s >= 0 && red(nights[i - s])) s++;
  return s;
}

const has = (n: Night | undefined, sig: string): boolean => !!n?.findings.some((f) => f.signature === sig);

/** The reasons to alert about tonight (the last night), by the policy; empty: no alert. */
export function alertReasons(nights: readonly Night[], p: AlertPolicy): AlertReason[] {
  const t = nights.at(-1);
  if (!t) return [];
  const prev = nights.at(-2);
  const reasons: AlertReason[] = [];
  if (red(t)) {
    const s = redStreak(nights);
    if (s === p.alertAfter) reasons.push('failing');
    else if (s > p.alertAfter && (s - p.alertAfter) % p.remindAfter === 0) reasons.push('reminder');
    else if (s > p.alertAfter && t.findings.some((f) => f.verdict === 'fail' && !t.known.includes(f.signature) && !has(prev, f.signature))) reasons.push('changed');
  } else {
    if (prev && redStreak(nights, nights.length - 2) >= p.alertAfter) reasons.push('recovered');
    if (t.verdict === 'degraded' && prev?.verdict !== 'degraded') reasons.push('degraded');
  }
  if (t.findings.some((f) => f.signature.startsWith(CERTIFICATE_FINDING) && !has(prev, f.signature))) reasons.push('certificate');
  return reasons;
}

export interface AlertFinding { signature: string; verdict: 'fail' | 'warn'; rule?: string; source?: string; checks: number; known: boolean }

export interface AlertPayload {
  source: 'cec-health';
  title: string;
  verdict: Night['verdict'];
  exitCode: Night['exitCode'];
  tenant: string;
  night: string;
  reasons: AlertReason[];
  /** Red nights in a row up to tonight. */
  redNights: number;
  page: string;
  counts: Night['counts'];
  detail?: string;
  /** Findings of tonight not there before the red run began (or last night), and last night's gone tonight. */
  new: AlertFinding[];
  resolved: AlertFinding[];
  stillFailing: number;
  certificates: string[];
  budgets: string[];
  /** Plain text of it all, for a reader without a formatter. */
  text: string;
}

const finding = (f: NightFinding, known: readonly string[]): AlertFinding => ({
  signature: f.signature, verdict: f.verdict, ...(f.rule ? { rule: f.rule } : {}), ...(f.source ? { source: f.source } : {}), checks: f.checks.length, known: known.includes(f.signature),
});

const TITLE: Record<AlertReason, (n: Night, streak: number) => string> = {
  failing: (n, s) => `${n.verdict.toUpperCase()} for ${s} nights in a row`,
  reminder: (n, s) => `still ${n.verdict.toUpperCase()}: ${s} nights in a row`,
  changed: (n) => `${n.verdict.toUpperCase()}, and something new broke tonight`,
  recovered: (n) => `recovered: ${n.verdict.toUpperCase()}`,
  degraded: () => 'DEGRADED: over a latency budget',
  certificate: () => 'a TLS certificate ends soon',
};

export function alertPayload(nights: readonly Night[], reasons: AlertReason[], page: string): AlertPayload {
  const t = nights.at(-1)!;
  const prev = nights.at(-2);
  const streak = redStreak(nights);
  // What tonight adds: to the green night before the red run (a first alert, a reminder), else to last night.
  const base = red(t) && !reasons.includes('changed') ? nights.at(-1 - streak) : prev;
  const fresh = t.findings.filter((f) => !has(base, f.signature));
  const gone = (prev?.findings ?? []).filter((f) => !has(t, f.signature));
  const still = t.findings.filter((f) => f.verdict === 'fail' && has(base, f.signature)).length;
  const certificates = t.findings.filter((f) => f.signature.startsWith(CERTIFICATE_FINDING)).map((f) => f.rule ?? f.signature);
  const budgets = (t.budgets?.breaches ?? []).map((b) => b.text);
  const title = `CEC tenant health: ${reasons.map((r) => TITLE[r](t, streak)).join('; ')}`;
  const item = (f: AlertFinding): string => `  - [${f.verdict}${f.known ? ', known' : ''}] ${f.signature}${f.rule && f.rule !== f.signature ? `\n    rule: ${f.rule}` : ''}${f.source ? `\n    source: ${f.source}` : ''}`;
  const payloadNew = fresh.map((f) => finding(f, t.known));
  const payloadGone = gone.map((f) => finding(f, prev?.known ?? []));
  const lines = [
    title,
    `${t.tenant} · night of ${t.startedAt} · ${t.verdict} (exit ${t.exitCode}) · ${t.counts.ok} ok, ${t.counts.flaky ?? 0} flaky, ${t.counts.failed} failed, ${t.counts.unreachable} unreachable, ${t.counts.skipped} skipped`,
    ...(t.detail ? [t.detail] : []),
    ...(payloadNew.length ? [`New${base !== prev ? ' since the red run began' : ' tonight'} (${payloadNew.length}):`, ...payloadNew.slice(0, 20).map(item)] : []),
    ...(payloadGone.length ? [`Resolved tonight (${payloadGone.length}):`, ...payloadGone.slice(0, 20).map(item)] : []),
    ...(still ? [`Still failing: ${still}`] : []),
    ...budgets.map((b) => `Budget: ${b}`),
    ...certificates.map((c) => `Certificate: ${c}`),
    `Health page: ${page}`,
  ];
  return {
    source: 'cec-health', title, verdict: t.verdict, exitCode: t.exitCode, tenant: t.tenant, night: t.startedAt, reasons, redNights: streak, page,
    counts: t.counts, ...(t.detail ? { detail: t.detail } : {}), new: payloadNew, resolved: payloadGone, stillFailing: still, certificates, budgets, text: lines.join('\n'),
  };
}

/** Slack's incoming-webhook body: `text` (the fallback) and blocks in mrkdwn. */
export function slackBody(p: AlertPayload): unknown {
  const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const icon = p.exitCode !== 0 ? ':red_circle:' : p.verdict === 'degraded' || p.certificates.length ? ':large_yellow_circle:' : ':large_green_circle:';
  const list = (title: string, fs: AlertFinding[]): string => (fs.length ? `*${title}* (${fs.length})\n${fs.slice(0, 10).map((f) => `• \`${esc(cut(f.signature, 150))}\`${f.source ? ` — _${esc(cut(f.source, 80))}_` : ''}`).join('\n')}` : '');
  const sections = [
    `${icon} *${esc(p.verdict.toUpperCase())}* (exit ${p.exitCode}) · ${esc(p.tenant)} · ${p.counts.ok} ok, ${p.counts.failed} failed, ${p.counts.unreachable} unreachable`,
    list('New', p.new), list('Resolved', p.resolved),
    [...p.budgets.map((b) => `*Budget* ${esc(b)}`), ...p.certificates.map((c) => `*Certificate* ${esc(c)}`)].join('\n'),
    /^https?:/.test(p.page) ? `<${p.page}|Health page>` : `Health page: \`${esc(p.page)}\``,
  ].filter(Boolean);
  return {
    text: p.title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(p.title, 150) } },
      ...sections.map((s) => ({ type: 'section', text: { type: 'mrkdwn', text: cut(s, 2900) } })),
    ],
  };
}

/** The body posted: masked as a whole (any secret a finding quoted is gone). */
export function alertBody(p: AlertPayload, format: WebhookFormat): string {
  return maskText(JSON.stringify(format === 'slack' ? slackBody(p) : p));
}

/** Posts the body; never throws: a failed post is an outcome (the night's verdict and exit code stay). */
export async function postAlert(url: string, body: string, timeoutMs = 10_000): Promise<{ status?: number; error?: string }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? { status: res.status } : { status: res.status, error: `the webhook answered HTTP ${res.status}` };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { error: maskText(`${(e as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`) };
  }
}

/** Decides, builds and posts tonight's alert. */
export async function alertNight(nights: readonly Night[], o: AlertPolicy & { webhookUrl?: string; format: WebhookFormat; page: string }): Promise<AlertOutcome> {
  const reasons = alertReasons(nights, o);
  if (!o.webhookUrl) return { state: 'off', reasons, text: `no webhook (CEC_HEALTH_WEBHOOK_URL)${reasons.length ? `; would have alerted: ${reasons.join(', ')}` : ''}` };
  if (!reasons.length) return { state: 'not-due', reasons, format: o.format, text: `not due (alert after ${o.alertAfter} red nights, on recovery, a new certificate warning or a first degraded night)` };
  const r = await postAlert(o.webhookUrl, alertBody(alertPayload(nights, reasons, o.page), o.format));
  const where = maskText(new URL(o.webhookUrl).origin);
  return r.error
    ? { state: 'failed', reasons, format: o.format, ...r, text: `FAILED to post (${reasons.join(', ')}) to ${where}: ${r.error}` }
    : { state: 'posted', reasons, format: o.format, status: r.status, text: `posted (${reasons.join(', ')}) to ${where}, HTTP ${r.status}` };
}
