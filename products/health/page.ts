// The health page (<reports>/health/index.html): the page a person opens first in the morning. Tonight's verdict, what
// changed since the last night (new, still failing, resolved findings, each with the night it was first seen), the
// checks × nights grid with flapping checks marked, and each operation's latency over the nights (p50, p95) with
// regression markers; links into tonight's Playwright and Allure reports and the findings page.
//
// One file that works from disk: the styles, the data and Chart.js (the npm package's minified UMD build) are inlined,
// and a Content-Security-Policy forbids every request, so nothing on the page can reach the network.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/suite/config.js';
import { MIN_SAMPLES, type BudgetJudgement } from './budgets.js';
import { countsText, partialText, type HealthReport } from './classify.js';
import { checkTitle, type CellStatus, type Night } from './history.js';
import { changesOf, FLAP_CHANGES, FLAP_WINDOW, gridOf, latencyOf, REGRESSION, type FindingRow, type GridRow } from './trends.js';

export interface PageLink { label: string; href: string }

const CHART_JS = join(PROJECT_ROOT, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON inside a <script> element: no "</script>" can end it early. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');
/** Inlined code: the source map comment would point at a file that is not there. */
const inlineCode = (js: string): string => js.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n').replace(/<\/script/gi, '<\\/script');

const when = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
/** A night's short name: month-day and the UTC time (two runs on one day stay apart). */
const nightLabel = (iso: string): string => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
const duration = (ms: number): string => (ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);
const VERDICT_TEXT: Record<Night['verdict'], string> = {
  healthy: 'Healthy', degraded: 'Degraded', broken: 'Broken', unreachable: 'Unreachable', misconfigured: 'Misconfigured', throttled: 'Throttled',
};
const CELL_TEXT: Record<CellStatus, string> = { pass: 'pass', warn: 'warn', flaky: 'flaky (failed, then passed on its retry)', fail: 'fail', unreachable: 'no answer', skipped: 'skipped' };

const STYLE = `
:root { --pass:#2e7d32; --warn:#f9a825; --fail:#c62828; --unreachable:#6a1b9a; --skipped:#cfd8dc; --none:#f4f6f8; --ink:#1f2933; --muted:#61707d; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #fafbfc; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.muted { color: var(--muted); }
#verdict { display: flex; gap: 20px; align-items: center; padding: 16px 20px; border-radius: 8px; color: #fff; }
#verdict[data-verdict=healthy] { background: var(--pass); }
#verdict[data-verdict=degraded] { background: #e0a800; color: #1f2933; }
#verdict[data-verdict=broken] { background: var(--fail); }
#verdict[data-verdict=unreachable], #verdict[data-verdict=misconfigured], #verdict[data-verdict=throttled] { background: var(--unreachable); }
#verdict .big { font-size: 30px; font-weight: 700; letter-spacing: .5px; }
#verdict .facts { line-height: 1.6; }
#verdict .facts b { font-weight: 600; }
nav#links { margin: 12px 0 0; display: flex; gap: 16px; flex-wrap: wrap; }
nav#links a { color: #0b57d0; text-decoration: none; border: 1px solid #c9d7ee; background: #fff; padding: 4px 10px; border-radius: 14px; }
.note { margin: 10px 0 0; padding: 8px 12px; background: #fff8e1; border-left: 4px solid var(--warn); }
.columns { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
.box { background: #fff; border: 1px solid #e3e8ee; border-radius: 8px; padding: 10px 14px; min-width: 0; }
.box h3 { font-size: 14px; margin: 0 0 6px; }
.box ul { list-style: none; margin: 0; padding: 0; }
.box li { padding: 6px 0; border-top: 1px solid #eef1f4; overflow-wrap: anywhere; }
.box li:first-child { border-top: 0; }
.sig { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; margin-right: 4px; color: #fff; vertical-align: 1px; }
.tag.fail { background: var(--fail); } .tag.warn { background: var(--warn); color: #222; } .tag.known { background: #607d8b; }
.tag.back { background: #ef6c00; } .tag.flapping { background: #ef6c00; } .tag.regression { background: var(--warn); color: #222; }
.empty { color: var(--muted); font-style: italic; }
table.grid { border-collapse: separate; border-spacing: 2px; background: #fff; }
table.grid th, table.grid td { padding: 0; }
table.grid th.night { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 500; font-size: 10.5px; color: var(--muted); height: 76px; width: 14px; padding: 2px 0; text-align: left; }
table.grid th.night.tonight { color: var(--ink); font-weight: 700; }
table.grid th.night span { display: inline-block; width: 4px; height: 4px; border-radius: 2px; margin-bottom: 3px; }
table.grid td.name { max-width: 560px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; padding-right: 8px; font-size: 12.5px; }
table.grid td.cell { width: 14px; height: 14px; min-width: 14px; border-radius: 2px; }
td.cell.pass, span.pass { background: var(--pass); } td.cell.warn, span.warn { background: var(--warn); } td.cell.fail, span.fail { background: var(--fail); }
td.cell.flaky, span.flaky { background: repeating-linear-gradient(135deg, var(--pass) 0 3px, var(--warn) 3px 6px); }
.tag.flaky { background: #8d6e63; } .tag.quarantined { background: #455a64; } .tag.budget { background: var(--fail); } .tag.budget.degraded { background: var(--warn); color: #222; }
table.facts { border-collapse: collapse; background: #fff; font-size: 13px; }
table.facts th, table.facts td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #eef1f4; vertical-align: top; }
tr.warning td { background: #fff8e1; }
td.cell.unreachable, span.unreachable { background: var(--unreachable); } td.cell.skipped, span.skipped { background: var(--skipped); } td.cell.none { background: var(--none); }
td.changes { font-size: 11px; color: var(--muted); padding-left: 6px; white-space: nowrap; }
tr.flapping td.name { font-weight: 600; }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); margin: 4px 0 8px; flex-wrap: wrap; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
details > summary { cursor: pointer; margin: 10px 0 6px; color: var(--muted); }
#charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 12px; }
#charts figure { margin: 0; background: #fff; border: 1px solid #e3e8ee; border-radius: 8px; padding: 8px 10px; }
#charts figure.regressed { border-color: var(--warn); box-shadow: 0 0 0 2px #fff3c4; }
#charts figcaption { font-size: 13px; font-weight: 600; margin-bottom: 4px; }
#charts .plot { position: relative; height: 150px; }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
`;

function findingItem(f: FindingRow): string {
  const tags = [
    `<span class="tag ${f.verdict}">${f.verdict}</span>`,
    f.known ? '<span class="tag known">known</span>' : '',
    f.returning ? '<span class="tag back">back</span>' : '',
  ].join('');
  const nightsText = (n: number): string => `${n} night${n > 1 ? 's' : ''}`;
  const span = f.state === 'new' ? (f.returning ? `back tonight after ${nightsText(f.nightsSeen - 1)} before` : 'new tonight')
    : f.state === 'still' ? `since ${nightLabel(f.since)}, ${nightsText(f.streak)} in a row`
      : `gone tonight, was there ${nightsText(f.streak)} up to last night`;
  const checks = f.checks.length ? `<details><summary>${f.checks.length} check${f.checks.length > 1 ? 's' : ''}</summary><ul>${f.checks.map((c) => `<li class="muted">${esc(c)}</li>`).join('')}</ul></details>` : '';
  return `<li data-signature="${esc(f.signature)}" data-first-seen="${esc(f.firstSeen)}" data-since="${esc(f.since)}">${tags}<span class="sig">${esc(f.signature)}</span>`
    + `<div class="muted">${span} · first seen <time class="first-seen" datetime="${esc(f.firstSeen)}">${esc(when(f.firstSeen))}</time></div>${checks}</li>`;
}

function findingList(id: string, title: string, rows: FindingRow[], empty: string): string {
  return `<div class="box"><h3>${title} <span class="muted">(${rows.length})</span></h3><ul id="${id}">${rows.length ? rows.map(findingItem).join('') : `<li class="empty">${empty}</li>`}</ul></div>`;
}

function gridTable(rows: GridRow[], nights: readonly Night[]): string {
  const head = `<tr><th></th>${nights.map((n, i) => `<th class="night${i === nights.length - 1 ? ' tonight' : ''}" title="${esc(`${when(n.startedAt)}: ${n.verdict}${n.grep !== undefined ? ` (${partialText(n.grep)})` : ''}`)}" data-night="${esc(n.startedAt)}"${n.grep !== undefined ? ` data-partial="${esc(n.grep)}"` : ''}>`
    + `<span class="${n.verdict === 'healthy' ? 'pass' : n.verdict === 'broken' ? 'fail' : 'unreachable'}"></span> ${nightLabel(n.startedAt)}${n.grep !== undefined ? ' (partial)' : ''}</th>`).join('')}<th></th></tr>`;
  const body = rows.map((r) => {
    const short = checkTitle(r.id);
    const cells = r.cells.map((c, i) => `<td class="cell ${c ?? 'none'}" data-status="${c ?? ''}" title="${esc(`${when(nights[i].startedAt)}: ${c ? CELL_TEXT[c] : 'not run'}${r.reasons[i] ? ` — ${r.reasons[i]}` : ''}`)}"></td>`).join('');
    const tags = `${r.flapping ? '<span class="tag flapping">flapping</span>' : ''}${r.quarantined ? '<span class="tag quarantined">quarantined</span>' : ''}${r.cells.at(-1) === 'flaky' ? '<span class="tag flaky">flaky</span>' : ''}`;
    const notes = [r.changes ? `${r.changes} change${r.changes > 1 ? 's' : ''}` : '', r.flakyNights ? `flaky ${r.flakyNights}×` : ''].filter(Boolean).join(' · ');
    return `<tr data-check="${esc(r.id)}"${r.flapping ? ' class="flapping" data-flapping="1"' : ''} data-flaky-nights="${r.flakyNights}"${r.quarantined ? ' data-quarantined="1"' : ''}><td class="name" title="${esc(r.id)}">${tags}${esc(short)}</td>${cells}<td class="changes">${notes}</td></tr>`;
  }).join('');
  return `<table class="grid"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** Refuse rules verified per night, and tonight's lost coverage (rules the embedded mock reaches that tonight did not). */
function rulesSection(nights: readonly Night[]): string {
  const with_ = nights.filter((n) => n.rules);
  if (!with_.length) return '';
  const t = nights.at(-1)!.rules;
  const row = with_.map((n) => `<td data-night="${esc(n.startedAt)}" title="${esc(`${when(n.startedAt)}: ${n.rules!.verified} of ${n.rules!.refuse} refuse rules verified, ${n.rules!.notReached} not reached, ${n.rules!.noCheck} without a check`)}">${n.rules!.verified}</td>`).join('');
  return `<h2>Rules verified <span class="muted">(refuse rules of the inventory, per night; the conformance statement says which and why not)</span></h2>
<table class="grid" id="rules-per-night"><tr><th>verified</th>${row}</tr></table>
${t ? `<p id="rules-tonight">Tonight: <b>${t.verified}</b> of ${t.refuse} refuse rules verified, ${t.notReached} not reached, ${t.noCheck} without a check.${t.lostCoverage ? ` <span class="note" id="lost-coverage"><b>${t.lostCoverage} refuse rule(s) the embedded mock reaches were not reached on this tenant</b> (see the conformance statement).</span>` : ''}</p>` : ''}`;
}

export interface PageOptions {
  /** Links into tonight's reports, relative to the page. */
  links: PageLink[];
  /** Tonight's budgets (their levels are drawn on the charts), the quarantine list and the alert settings. */
  budgets?: BudgetJudgement;
  quarantine?: HealthReport['quarantine'];
  alert?: { policy: string; webhook: boolean };
  certDays?: number;
  /** Where the history is kept (shown in the footer). */
  historyFile: string;
  keep: number;
}

export function renderHealthPage(nights: readonly Night[], o: PageOptions): string {
  const changes = changesOf(nights);
  const t = changes.tonight;
  const grid = gridOf(nights);
  const series = latencyOf(nights);
  const attention = grid.filter((r) => r.flapping || r.cells.some((c) => c !== null && c !== 'pass' && c !== 'skipped'));
  const clean = grid.filter((r) => !attention.includes(r));
  const tonightRegressions = series.filter((s) => s.regressions.at(-1)!.length);
  const flapping = grid.filter((r) => r.flapping).length;
  const tenantChanged = changes.previous && changes.previous.tenant !== t.tenant;
  const limits = o.budgets?.limits ?? {};
  const breachesOf = (op: string): NonNullable<Night['budgets']>['breaches'] => (t.budgets?.breaches ?? []).filter((b) => b.operationId === op);
  const data = {
    nights: nights.map((n) => ({ startedAt: n.startedAt, label: nightLabel(n.startedAt), verdict: n.verdict })),
    series: series.map((s) => ({ ...s, budget: limits[s.operationId]?.p95 ?? null })),
  };
  const counts = countsText(t);
  const flakyTonight = grid.filter((r) => r.cells.at(-1) === 'flaky').length;
  const quarantinedFailing = grid.filter((r) => r.quarantined && (r.cells.at(-1) === 'fail' || r.cells.at(-1) === 'unreachable')).length;
  const certs = t.certificates ?? [];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CEC health: ${VERDICT_TEXT[t.verdict]} — ${esc(when(t.startedAt))}</title>
<style>${STYLE}</style></head>
<body><main>
<header id="verdict" data-verdict="${t.verdict}" data-exit-code="${t.exitCode}">
  <div class="big">${VERDICT_TEXT[t.verdict]}</div>
  <div class="facts"><b>${esc(t.tenant)}</b><br>
  <time datetime="${esc(t.startedAt)}">${esc(when(t.startedAt))}</time> · ${duration(t.durationMs)} · exit ${t.exitCode}${t.seed ? ` · seed ${esc(t.seed)}` : ''}<br>
  <span id="counts">${counts}</span> · ${changes.new.length} new, ${changes.still.length} still failing, ${changes.resolved.length} resolved${flapping ? ` · ${flapping} flapping` : ''}${tonightRegressions.length ? ` · ${tonightRegressions.length} slower` : ''}</div>
</header>
${t.grep !== undefined ? `<p class="note" id="partial-night" data-grep="${esc(t.grep)}">Tonight was ${esc(partialText(t.grep))}: the checks it did not run show as "not run", and a finding of last night none of whose checks ran tonight is not counted as resolved.</p>` : ''}
${t.detail ? `<p class="note">${esc(t.detail)}</p>` : ''}
${tenantChanged ? `<p class="note" id="tenant-changed">The tenant changed since the last night (was ${esc(changes.previous!.tenant)}): changes below may be the tenant's, not the night's.</p>` : ''}
${certs.filter((c) => c.warning).map((c) => `<p class="note" id="certificate-warning" data-endpoint="${esc(c.endpoint)}">⚠ ${esc(c.warning!)}: renew it before it ends (a warning, not a failure).</p>`).join('')}
${(t.budgets?.breaches ?? []).length ? `<p class="note" id="budget-breaches">${t.budgets!.breaches.map((b) => `<span class="tag budget ${b.level}">${b.level}</span>${esc(b.text)}`).join('<br>')}</p>` : ''}
<nav id="links">${o.links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join('')}</nav>

${rulesSection(nights)}
<h2>Since the last night ${changes.previous ? `<span class="muted">(${esc(when(changes.previous.startedAt))}, ${changes.previous.verdict})</span>` : '<span class="muted">(this is the first night kept)</span>'}</h2>
<div class="columns">
${findingList('new', 'New tonight', changes.new, 'nothing new')}
${findingList('still', 'Still failing', changes.still, 'nothing carried over')}
${findingList('resolved', 'Resolved', changes.resolved, 'nothing resolved')}
</div>

<h2>Checks over the nights <span class="muted">(${nights.length} night${nights.length > 1 ? 's' : ''}, oldest left, tonight right)</span></h2>
<div class="legend"><span><i class="pass" style="background:var(--pass)"></i>pass</span><span><i style="background:var(--warn)"></i>warn</span><span><i style="background:var(--fail)"></i>fail</span><span><i style="background:var(--unreachable)"></i>no answer</span><span><i style="background:var(--skipped)"></i>skipped</span><span><i style="background:var(--none);border:1px solid #ddd"></i>not run</span>
<span><i style="background:repeating-linear-gradient(135deg,var(--pass) 0 3px,var(--warn) 3px 6px)"></i>flaky (failed, then passed on its retry: counted, never a failure)</span>
<span><span class="tag flapping">flapping</span>${FLAP_CHANGES} or more state changes over the last ${FLAP_WINDOW} nights it ran (one bad night between good ones is 2)</span>
<span><span class="tag quarantined">quarantined</span>on the quarantine list: shown, not judged</span></div>
<div id="grid">
${attention.length ? gridTable(attention, nights) : '<p class="empty">Every check passed on every night kept.</p>'}
${clean.length ? `<details id="clean"><summary>${clean.length} check${clean.length > 1 ? 's' : ''} passed every night they ran</summary>${gridTable(clean, nights)}</details>` : ''}
</div>

<h2>Latency per operation <span class="muted">(p50 and p95 of the answered requests, ms; the p95 budget's degraded and fail levels as lines)</span></h2>
<p class="muted" id="budget-status">${o.budgets ? (o.budgets.applied ? `Budgets: ${esc(o.budgets.file)} — ${o.budgets.judged} figure${o.budgets.judged === 1 ? '' : 's'} judged, ${o.budgets.unjudged} not (too few requests), ${o.budgets.breaches.length} over a level.` : esc(o.budgets.reason ?? 'budgets not applied')) : 'No budgets.'}</p>
<div id="regressions">${tonightRegressions.length
    ? `<p class="note">Slower tonight (a warning, never a failure): ${tonightRegressions.map((s) => `<b>${esc(s.operationId)}</b> ${s.regressions.at(-1)!.map((r) => `${r.metric} ${r.value} ms vs ${r.baseline} ms`).join(', ')}`).join('; ')}.</p>`
    : ''}</div>
<p class="muted">A night is marked ▲ when its p50 or p95 is above ${REGRESSION.factor}× the median of the ${REGRESSION.window} nights before it and at least ${REGRESSION.floorMs} ms above it (needs ${REGRESSION.minNights} earlier nights).</p>
<div id="charts">${series.map((s) => `<figure data-operation="${esc(s.operationId)}" data-regression="${s.regressions.at(-1)!.map((r) => r.metric).join(',')}" data-budget="${breachesOf(s.operationId).map((b) => `${b.metric}:${b.level}`).join(',')}"${s.regressions.at(-1)!.length || breachesOf(s.operationId).length ? ' class="regressed"' : ''}>`
    + `<figcaption>${esc(s.operationId)}${s.regressions.at(-1)!.length ? ' <span class="tag regression">slower tonight</span>' : ''}${breachesOf(s.operationId).map((b) => ` <span class="tag budget ${b.level}">${b.metric === 'errorRate' ? 'error rate' : b.metric} ${b.level}</span>`).join('')}${limits[s.operationId]?.p95 && (t.operations[s.operationId]?.n ?? 0) < MIN_SAMPLES.p95 ? ` <span class="muted unjudged">(${t.operations[s.operationId]?.n ?? 0} answers: too few to judge)</span>` : ''}</figcaption><div class="plot"><canvas></canvas></div></figure>`).join('')}</div>
${series.length ? '' : '<p class="empty">No answered requests recorded.</p>'}

<h2>How tonight was judged</h2>
<table class="facts" id="judged">
<tr><th>Checks</th><td>The <code>@health</code> tests of the suite (never <code>@side-effect</code>, never <code>@mock-only</code>), each a rule of the four API documents: ${esc(counts)}. A check that fails is retried once the same night; failed-then-passed is <b>flaky</b>${flakyTonight ? ` (${flakyTonight} tonight)` : ''}, shown and counted, never a failure or an alert.</td></tr>
<tr><th>Findings</th><td>${t.findingsSource === 'derived' ? 'Derived from the failed checks (one per failure reason)' : 'The findings reporter\'s <code>findings.json</code>: one per root cause, with its rule and where the documents state it'}; the baseline's known findings fail nothing${t.known.length ? ` (${t.known.length} known tonight)` : ''}.</td></tr>
<tr><th>Quarantine</th><td>${o.quarantine ? `${esc(o.quarantine.file)}: ${o.quarantine.active} check${o.quarantine.active === 1 ? '' : 's'} in quarantine${quarantinedFailing ? `, ${quarantinedFailing} failing tonight (not judged)` : ''}${o.quarantine.expired.length ? `; expired (judged again): ${o.quarantine.expired.map(esc).join(', ')}` : ''}${o.quarantine.unmatched.length ? `; matching no check: ${o.quarantine.unmatched.map(esc).join(', ')}` : ''}` : 'none'}.</td></tr>
<tr><th>Latency budgets</th><td>${o.budgets ? (o.budgets.applied ? `${esc(o.budgets.file)}: over a <i>degraded</i> level the night is DEGRADED (exit 0), over a <i>fail</i> level BROKEN (exit 1); p95/p99 over the night's answered requests, error rate over every attempt.` : esc(o.budgets.reason ?? '')) : 'none'}</td></tr>
<tr><th>TLS certificates</th><td>${certs.length ? `<table class="facts" id="certificates">${certs.map((c) => `<tr${c.warning ? ' class="warning"' : ''} data-endpoint="${esc(c.endpoint)}" data-days-left="${c.daysLeft ?? ''}"><td>${esc(c.endpoint)}</td><td>${c.validTo ? `ends ${esc(c.validTo.slice(0, 10))} (${c.daysLeft} days)` : esc(c.error ?? '')}</td><td>${c.subject ? `CN ${esc(c.subject)}` : ''}${c.issuer ? `, issued by ${esc(c.issuer)}` : ''}${c.trusted === false ? ' · not trusted by default' : ''}</td></tr>`).join('')}</table>A certificate ending within ${o.certDays ?? 21} days (CEC_HEALTH_CERT_DAYS) is a warning, never a failure.` : 'none read (the tenant is not served over https).'}</td></tr>
<tr><th>Alerts</th><td>${o.alert ? `${o.alert.webhook ? 'To the webhook (CEC_HEALTH_WEBHOOK_URL)' : 'No webhook set (CEC_HEALTH_WEBHOOK_URL)'}: ${esc(o.alert.policy)}` : 'not configured'}</td></tr>
</table>

<footer>History: ${esc(o.historyFile)} in the reports folder (the newest ${o.keep} nights are kept; findings ${t.findingsSource === 'derived' ? 'derived from the failed checks' : 'from findings.json'}).</footer>
</main>
<script type="application/json" id="health-data">${scriptJson(data)}</script>
<script>${inlineCode(readFileSync(CHART_JS, 'utf8'))}</script>
<script>${inlineCode(CHARTS_SCRIPT)}</script>
</body></html>
`;
}

/** Draws one chart per operation from the inlined data (runs in the page). */
const CHARTS_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('health-data').textContent);
  var labels = data.nights.map(function (n) { return n.label; });
  data.series.forEach(function (s) {
    var fig = document.querySelector('#charts figure[data-operation="' + CSS.escape(s.operationId) + '"]');
    if (!fig) return;
    var marks = s.regressions.map(function (rs) { return rs.length ? Math.max.apply(null, rs.map(function (r) { return r.value; })) : null; });
    new Chart(fig.querySelector('canvas'), {
      type: 'line',
      data: { labels: labels, datasets: [
        { label: 'p50', data: s.p50, borderColor: '#1565c0', backgroundColor: '#1565c0', borderWidth: 2, pointRadius: 2, spanGaps: true },
        { label: 'p95', data: s.p95, borderColor: '#ef6c00', backgroundColor: '#ef6c00', borderWidth: 1.5, borderDash: [4, 3], pointRadius: 2, spanGaps: true },
        { label: 'regression', data: marks, showLine: false, pointStyle: 'triangle', pointRadius: 7, borderColor: '#c62828', backgroundColor: '#f9a825', borderWidth: 2 }
      ].concat(s.budget ? [
        { label: 'p95 degraded', data: labels.map(function () { return s.budget.degraded; }), borderColor: '#f9a825', backgroundColor: '#f9a825', borderWidth: 1.5, borderDash: [6, 4], pointRadius: 0 },
        { label: 'p95 fail', data: labels.map(function () { return s.budget.fail; }), borderColor: '#c62828', backgroundColor: '#c62828', borderWidth: 1.5, borderDash: [2, 2], pointRadius: 0 }
      ] : []) },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: true, labels: { boxWidth: 10, font: { size: 10 }, filter: function (item) { return item.text !== 'regression' || marks.some(function (m) { return m !== null; }); } } } },
        scales: { y: { beginAtZero: true, title: { display: false } }, x: { ticks: { font: { size: 10 }, maxRotation: 0, autoSkip: true } } }
      }
    });
  });
})();
`;

export function writeHealthPage(file: string, nights: readonly Night[], o: PageOptions): void {
  writeFileSync(file, renderHealthPage(nights, o));
}
