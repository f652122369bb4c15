// The conformance page (reports/conformance/index.html): the statement rule by rule, refuse rules first, grouped by
// operation, each with its id, source, verdict and why. One self-contained file, no scripts: it opens from file://.
import { ruleAnchor } from '../findings/page.js';
import { notReachedReasons, RULE_STATUSES, type ConformanceStatement, type RuleStatus, type RuleVerdict } from './statement.js';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const LABEL: Record<RuleStatus, string> = {
  failed: 'failed', warned: 'warned', verified: 'verified', 'not-reached': 'not reached', 'no-check': 'no check', 'not-black-box': 'not black-box', 'not-applicable': 'not applicable', disabled: 'disabled',
};

function row(r: RuleVerdict): string {
  const why = r.status === 'disabled' ? `disabled: ${r.reason}` : r.reason ?? '';
  const findings = r.findings.map((f) => `<a href="../findings/index.html#${esc(f)}">finding</a>`).join(' ');
  return `<tr id="${esc(ruleAnchor(r.id))}" class="${r.status}${r.lostCoverage ? ' lost' : ''}" data-rule="${esc(r.id)}" data-status="${r.status}">
<td><code>${esc(r.id)}</code></td><td>${esc(r.rule)}${r.sentence ? `<br><q>${esc(r.sentence)}</q>` : ''}</td><td class="src">${esc(r.source)}</td>
<td><span class="st">${LABEL[r.status]}</span>${why ? `<br><small>${esc(why)}</small>` : ''}${findings ? `<br>${findings}` : ''}</td>
<td class="tests">${r.tests.length ? `<details><summary>${r.tests.length}</summary>${r.tests.map((t) => esc(t)).join('<br>')}</details>` : ''}</td></tr>`;
}

function section(s: ConformanceStatement, strength: 'refuse' | 'guidance'): string {
  const rules = s.rules.filter((r) => r.strength === strength);
  const ops = [...new Set(rules.map((r) => r.operationId ?? '(every exchange)'))];
  return ops.map((op) => {
    const list = rules.filter((r) => (r.operationId ?? '(every exchange)') === op);
    const c = Object.fromEntries(RULE_STATUSES.map((st) => [st, list.filter((r) => r.status === st).length]));
    const tally = RULE_STATUSES.filter((st) => c[st]).map((st) => `${c[st]} ${LABEL[st]}`).join(', ');
    return `<details class="op" ${list.some((r) => r.status !== 'verified') ? 'open' : ''}><summary><strong>${esc(op)}</strong> — ${list.length} ${strength} rules: ${tally}</summary>
<table><tr><th>id</th><th>rule</th><th>source</th><th>verdict</th><th>tests</th></tr>${list.map(row).join('\n')}</table></details>`;
  }).join('\n');
}

export function renderConformanceHtml(s: ConformanceStatement, links: Record<string, string> = {}): string {
  const nav = Object.entries(links).map(([name, href]) => `<a href="${esc(href)}">${esc(name)}</a>`).join(' · ');
  const counts = (strength: 'refuse' | 'guidance'): string => RULE_STATUSES.map((st) => `<td class="${st}" data-count="${strength}-${st}">${s.counts[strength][st]}</td>`).join('');
  const sizes = Object.entries(s.inventory.bySource).map(([k, v]) => `${esc(k)} ${v.refuse + v.guidance} (${v.refuse} refuse)`).join(', ');
  const why = notReachedReasons(s, 'refuse', 5);
  const lost = s.lostCoverage.length
    ? `<p id="lost" class="lost"><strong>${s.lostCoverage.length} refuse rule(s) the embedded mock reaches were not reached on this tenant</strong>${s.requireCoverage ? ' (CEC_REQUIRE_COVERAGE=1: the gate fails)' : ' (the gate stays green; CEC_REQUIRE_COVERAGE=1 makes it fail)'}: ${s.lostCoverage.map((id) => `<a href="#${esc(ruleAnchor(id))}"><code>${esc(id)}</code></a>`).join(', ')}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Conformance statement</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222;max-width:90rem}code{font-size:12px}table{border-collapse:collapse;width:100%;margin:.4rem 0}
td,th{border-bottom:1px solid #eee;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#fafafa}.src{color:#555;font-size:12px}q{color:#555;font-size:12px}
.op{margin:.4rem 0;border:1px solid #ddd;border-radius:4px;padding:.2rem .6rem}.st{font-weight:600}
tr.verified .st{color:#185}tr.failed .st{color:#b33}tr.warned .st{color:#a70}tr.not-reached .st{color:#a60}tr.no-check .st{color:#b33}tr.not-applicable .st,tr.disabled .st{color:#777}
tr.lost{background:#fff6e0}.lost{background:#fff6e0;padding:.4rem}#counts td,#counts th{text-align:right}
</style></head><body>
<h1>Conformance statement</h1>
<p>${nav}</p>
<p id="summary">Tenant <code>${esc(s.run.tenant)}</code>, seed ${esc(s.run.seed)}, ${esc(s.run.startedAt)}${s.run.profile ? `, mock profile ${esc(s.run.profile)}` : ''}. The inventory holds ${s.inventory.total} rules: ${sizes} (docs/rules.md).</p>
<table id="counts"><tr><th></th>${RULE_STATUSES.map((st) => `<th>${LABEL[st]}</th>`).join('')}</tr><tr><th>refuse</th>${counts('refuse')}</tr><tr><th>guidance</th>${counts('guidance')}</tr></table>
${why.length ? `<p id="why">Refuse rules not reached: ${why.map(esc).join('; ')}.</p>` : ''}
${lost}
<h2>Refuse rules (a tenant that breaks one fails)</h2>
${section(s, 'refuse')}
<h2>Guidance rules (a warning, never a failure)</h2>
${section(s, 'guidance')}
</body></html>`;
}
