// Renders the coverage as one self-contained HTML page (no scripts), for people to review.
import type { Coverage, Item } from './measure.js';
import { renderExplorationHtml } from './html-explore.js';

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ratio = (list: Item[]): string => `${list.filter((i) => i.covered).length}/${list.length}`;
const chips = (list: Item[]): string => list.map((i) => `<span class="${i.covered ? 'hit' : 'miss'}">${esc(i.name)}</span>`).join(' ');

export function renderCoverageHtml(c: Coverage): string {
  const totals = c.totals.map((t) => `<tr data-level="${esc(t.level)}"><th>${esc(t.level)}</th><td class="num">${t.covered}</td><td class="num">${t.total}</td><td class="num">${t.percent}%</td><td><div class="bar"><div style="width:${t.percent}%"></div></div></td></tr>`).join('');
  const ops = c.operations.map((o) => `<tr id="op-${esc(o.operationId)}"><th>${esc(o.operationId)}<div class="path">${esc(o.method)} ${esc(o.path)}</div></th><td class="num">${o.calls}</td>` +
    `<td>${ratio(o.statuses)}<div>${chips(o.statuses)}</div></td><td>${ratio(o.resultCodes)}<div>${chips(o.resultCodes)}</div></td>` +
    `<td>${ratio(o.parameters)}<div>${chips(o.parameters)}</div></td><td>${ratio(o.parameterValues)}</td><td>${ratio(o.responseProperties)}</td></tr>`).join('');
  const journeys = c.journeys.map((j) => `<li class="${j.covered ? 'hit' : 'miss'}">${j.covered ? '✔' : '✘'} ${esc(j.name)}</li>`).join('');
  const drift = c.drift.length
    ? `<table><tr><th>operation</th><th>field</th><th>responses</th></tr>${c.drift.map((d) => `<tr><td>${esc(d.operationId)}</td><td><code>${esc(d.path)}</code></td><td class="num">${d.count}</td></tr>`).join('')}</table>`
    : '<p>None: every field the tenant answered is named by the spec.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spec coverage</title><style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.num{text-align:right}.bar{width:160px;height:10px;background:#eee}.bar div{height:10px;background:#3a7}.path{font-weight:normal;color:#666;font-size:12px}
.hit{color:#185}.miss{color:#b33}span.hit,span.miss{display:inline-block;border:1px solid currentColor;border-radius:3px;padding:0 .25rem;margin:1px;font-size:12px}
</style></head><body>
<h1>Spec coverage</h1>
<p><a href="../findings/index.html">Findings</a> · <a href="../html/index.html">Playwright report</a> · <a href="../allure/index.html">Allure report</a></p>
<p id="summary">Built from <strong id="exchange-count">${c.exchanges}</strong> HTTP exchanges the run sent and received, ${esc(c.generatedAt)}.</p>
<h2>Totals per level</h2><table id="totals"><tr><th>level</th><th>covered</th><th>total</th><th>%</th><th></th></tr>${totals}</table>
<h2>Operation flows (journeys)</h2><ul id="journeys">${journeys}</ul>
<h2>Per operation</h2><table id="operations"><tr><th>operation</th><th>calls</th><th>status codes</th><th>result codes</th><th>parameters</th><th>parameter values</th><th>response properties</th></tr>${ops}</table>
<h2>Drift: fields the spec does not name</h2>${drift}
${c.exploration ? renderExplorationHtml(c.exploration) : ''}
</body></html>`;
}
