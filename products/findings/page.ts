// The findings page (reports/findings/index.html): one self-contained file, no scripts, no network references.
import { unitOf, type Finding, type FindingsReport } from './model.js';

/** A rule's anchor on the conformance page (reports/conformance/index.html#<anchor>). */
export const ruleAnchor = (ruleId: string): string => `r-${ruleId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function card(r: FindingsReport, f: Finding): string {
  const badge = f.verdict === 'fail' ? (f.status === 'known' ? 'known' : 'fail') : 'warn';
  const tests = f.tests.map((t) => `<li>${esc(t)}</li>`).join('');
  const exchange = f.firstExchange
    ? `<p class="ex">First seen on <code>${esc(f.firstExchange.method)} ${esc(f.firstExchange.url)}</code> → ${f.firstExchange.status === null ? 'no answer' : `HTTP ${esc(f.firstExchange.status)}`}</p>${f.firstExchange.curl ? `<pre class="curl">${esc(f.firstExchange.curl)}</pre>` : ''}`
    : '';
  return `<section class="finding ${badge}" id="${esc(f.id)}" data-signature="${esc(f.signature)}" data-verdict="${esc(f.verdict)}" data-status="${esc(f.status)}">
<h3><span class="badge">${badge.toUpperCase()}</span> <code>${esc(f.signature)}</code></h3>
<p class="rule"><strong>Rule:</strong> ${f.ruleId ? `<a class="rule-id" href="../conformance/index.html#${esc(ruleAnchor(f.ruleId))}"><code>${esc(f.ruleId)}</code></a> ` : '<em>unexplained</em> '}${esc(f.rule)}</p>
<p class="source"><strong>Source:</strong> ${esc(f.source)}${f.strength === 'guidance' ? ' <em>(guidance: a warning, never a failure)</em>' : ''}${f.why ? `<br><strong>Why:</strong> ${esc(f.why)}` : ''}</p>
<p class="what"><strong>What happened:</strong> ${esc(f.message)}</p>
${f.baseline ? `<p class="baseline">Baseline: ${esc(f.baseline.reason)} (until ${esc(f.baseline.expires)}${f.status === 'expired' ? ', <strong>expired</strong>' : ''})</p>` : ''}
${exchange}
<details><summary><span class="count">${f.count}</span> ${unitOf(r, f.count)} met it</summary><ul>${tests}</ul></details>
</section>`;
}

export function renderFindingsHtml(r: FindingsReport, links: Record<string, string> = {}): string {
  const c = r.counts;
  const nav = Object.entries(links).map(([name, href]) => `<a href="${esc(href)}">${esc(name)}</a>`).join(' · ');
  const resolved = r.resolved.length
    ? `<h2>Resolved baseline entries</h2><ul id="resolved">${r.resolved.map((e) => `<li><code>${esc(e.signature)}</code>: ${esc(e.reason)} — no longer met; remove it from the baseline</li>`).join('')}</ul>` : '';
  const global = r.globalErrors.length ? `<h2>The run stopped</h2>${r.globalErrors.map((e) => `<pre>${esc(e)}</pre>`).join('')}` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Findings</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}code{font-size:13px}pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px}
.finding{border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;padding:.2rem 1rem;margin:1rem 0}.finding h3{margin:.6rem 0}
.fail{border-left-color:#c0392b}.warn{border-left-color:#e0a800}.known{border-left-color:#7f8c8d}
.badge{font-size:11px;padding:1px 6px;border-radius:3px;color:#fff;background:#999}.fail .badge{background:#c0392b}.warn .badge{background:#c98f00}
#summary td,#summary th{padding:.2rem .8rem;text-align:left}.gate-passed{color:#185}.gate-failed{color:#b33}
</style></head><body>
<h1>Findings</h1>
<p>${nav}</p>
<p id="gate" class="gate-${r.gate.passed ? 'passed' : 'failed'}"><strong>Gate ${r.gate.passed ? 'passed' : 'failed'}:</strong> ${esc(r.gate.reason)}</p>
<table id="summary"><tr><th>tenant</th><td>${esc(r.run.tenant)}</td><th>seed</th><td>${esc(r.run.seed)}</td></tr>
<tr><th>${unitOf(r, 2)}</th><td>${c.tests}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, <span id="warned">${c.warned}</span> with warnings</td><th>strict</th><td>${r.run.strict ? 'on (warnings fail)' : 'off'}</td></tr>
<tr><th>findings</th><td><span id="fail-count">${c.fail}</span> fail (${c.known} known), <span id="warn-count">${c.warn}</span> warn</td><th>started</th><td>${esc(r.run.startedAt)}, ${(r.run.durationMs / 1000).toFixed(1)} s</td></tr></table>
${global}${r.stopped ? `<p id="stopped"><strong>${esc(r.stopped)}.</strong></p>` : ''}
<h2>One finding per root cause</h2>
${r.findings.length ? r.findings.map((f) => card(r, f)).join('\n') : '<p id="none">No findings: every check held.</p>'}
${resolved}
</body></html>`;
}
