// The coverage page's state-and-transition table: which states of the session model, which (state, event) cells and
// which documented transitions the model-based exploration reached, and the click-to-call stages.
import { CLICK_TO_CALL_ACTIONS, COVERAGE_EVENTS, cellKey, sessionCells, transitionKey, type ExploreCoverageData, type ExploreCoverageSummary } from '../explore/coverage.js';
import { CLICK_TO_CALL_STAGES, DOCUMENTED_TRANSITIONS, SESSION_STATES } from '../explore/states.js';
import { PAIR_OPS, pairKey } from '../explore/systematic.js';

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ratio = (x: { reached: number; total: number }): string => `${x.reached}/${x.total}${x.total ? ` (${Math.round((x.reached / x.total) * 100)}%)` : ''}`;

function grid(rows: readonly string[], cols: readonly string[], counts: Record<string, number>, possible: (row: string, col: string) => boolean, id: string): string {
  const head = `<tr><th>state \\ event</th>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr><th>${esc(r)}</th>${cols.map((c) => {
    if (!possible(r, c)) return '<td class="na">—</td>';
    const n = counts[cellKey(r, c)] ?? 0;
    return `<td class="num ${n ? 'hit' : 'miss'}">${n || '✘'}</td>`;
  }).join('')}</tr>`).join('');
  return `<table id="${id}">${head}${body}</table>`;
}

/** One customer's operations in flight at once: op × op, the listed pairs marked reached or not. */
function pairGrid(e: ExploreCoverageData): string {
  const listed = new Set(e.listed?.pairs ?? []);
  const head = `<tr><th>at once</th>${PAIR_OPS.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const body = PAIR_OPS.map((a, i) => `<tr><th>${esc(a)}</th>${PAIR_OPS.map((b, j) => {
    if (j < i) return '<td class="na"></td>';
    const k = pairKey(a, b);
    const n = e.concurrent[k] ?? 0;
    if (!listed.has(k)) return `<td class="na" title="not listed for this tenant">${n || '—'}</td>`;
    return `<td class="num ${n ? 'hit' : 'miss'}" data-pair="${esc(k)}">${n || '✘'}</td>`;
  }).join('')}</tr>`).join('');
  return `<table id="exploration-pairs">${head}${body}</table>`;
}

export function renderExplorationHtml(e: ExploreCoverageData & { summary: ExploreCoverageSummary }): string {
  const s = e.summary;
  const cells = new Set(sessionCells().map((c) => cellKey(c.state, c.event)));
  const documented = DOCUMENTED_TRANSITIONS.map((t) => {
    const n = e.transitions[transitionKey(t.from, t.event, t.to)] ?? 0;
    return `<li class="${n ? 'hit' : 'miss'}">${n ? '✔' : '✘'} ${esc(t.from)} —${esc(t.event)}→ ${esc(t.to)}${n ? ` (${n})` : ''}</li>`;
  }).join('');
  const pairs = Object.entries(e.concurrent).sort(([, a], [, b]) => b - a).map(([k, n]) => `<span class="hit">${esc(k)} ×${n}</span>`).join(' ') || '<span class="miss">none</span>';
  const between = (e.listed?.between ?? []).map((op) => {
    const n = e.between?.[op] ?? 0;
    return `<li class="${n ? 'hit' : 'miss'}">${n ? '✔' : '✘'} agent reply, <b>${esc(op)}</b>, poll${n ? ` (${n})` : ''}</li>`;
  }).join('');
  return `<h2>State machine (model-based exploration)</h2>
<p id="exploration-summary">From ${esc(e.source)}: ${e.runs} runs, ${e.steps} steps, ${e.requests} requests. States reached ${ratio(s.states)};
(state, event) cells ${ratio(s.cells)}; documented transitions ${ratio(s.documented)}; click-to-call ${ratio(s.clickToCall)}. A step counts only where the model was certain of the state before it (a transferred session no agent has been seen to take counts as queued).</p>
<h3>Session: state × event (steps taken from each state)</h3>${grid(SESSION_STATES, COVERAGE_EVENTS, e.cells, (r, c) => cells.has(cellKey(r, c)), 'exploration-cells')}
<h3>Documented transitions</h3><ul id="exploration-transitions">${documented}</ul>
<h3>Click-to-call: stage × action</h3>${grid(CLICK_TO_CALL_STAGES, CLICK_TO_CALL_ACTIONS, e.clickToCall.cells, () => true, 'exploration-clicktocall')}
<h3>Two requests of one customer at once</h3>
<p id="exploration-pair-coverage">Listed pairs reached: ${ratio(s.pairs)}${s.pairs.missing.length ? `; not reached: ${s.pairs.missing.map(esc).join(', ')}` : ''}. The systematic plans of every exploration (products/explore/systematic.ts) send each listed pair once, with an agent message pending; the random runs add more.</p>
${pairGrid(e)}
<p id="exploration-concurrent">Every pair tried: ${pairs}</p>
<h3>A customer step between an agent reply and the next poll</h3>
<p id="exploration-between-coverage">Listed steps reached: ${ratio(s.between)}.</p><ul id="exploration-between">${between}</ul>
<style>td.na{color:#bbb;text-align:center}</style>`;
}
