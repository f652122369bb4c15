// The night in a few lines of Markdown (a CI job summary, a chat message): the verdict, what changed since the last
// night, flapping checks and slower operations. The health page has the rest.
import { countsText, partialText } from './classify.js';
import { checkTitle, type Night } from './history.js';
import { changesOf, FLAP_CHANGES, FLAP_WINDOW, gridOf, latencyOf, type FindingRow } from './trends.js';

const ICON: Record<Night['verdict'], string> = { healthy: '✅', degraded: '🟡', broken: '❌', unreachable: '⛔', misconfigured: '⚙️', throttled: '🐢' };
const STATE: Record<FindingRow['state'], string> = { new: '🆕 new', still: '🔁 still', resolved: '✅ resolved' };
/** Text for a table cell: no line breaks, no column breaks, no code span ends. */
const cell = (s: string): string => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
const date = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
const MAX_ROWS = 15;

export function nightMarkdown(nights: readonly Night[], pagePath: string): string {
  if (!nights.length) return '## CEC tenant health\n\nNo health run recorded.\n';
  const c = changesOf(nights);
  const t = c.tonight;
  const lines = [
    `## CEC tenant health: ${ICON[t.verdict]} ${t.verdict.toUpperCase()} (exit ${t.exitCode})`,
    '',
    `${cell(t.tenant)} · ${date(t.startedAt)} UTC · ${(t.durationMs / 1000).toFixed(1)} s · ${countsText(t)}`,
  ];
  if (t.grep !== undefined) lines.push('', `**Partial night**: ${cell(partialText(t.grep))}.`);
  if (t.detail) lines.push('', `> ${cell(t.detail)}`);
  lines.push('', c.previous
    ? `**Since the last night** (${date(c.previous.startedAt)} UTC, ${c.previous.verdict}): ${c.new.length} new, ${c.still.length} still failing, ${c.resolved.length} resolved.`
    : '**First night kept**: every finding is new.');
  const rows = [...c.new, ...c.still, ...c.resolved];
  if (rows.length) {
    lines.push('', '| | finding | since | first seen | checks |', '|---|---|---|---|---|');
    for (const f of rows.slice(0, MAX_ROWS)) {
      lines.push(`| ${STATE[f.state]} ${f.verdict}${f.known ? ' (known)' : ''} | \`${cell(f.signature)}\` | ${date(f.since)} | ${date(f.firstSeen)} | ${f.checks.length} |`);
    }
    if (rows.length > MAX_ROWS) lines.push('', `… and ${rows.length - MAX_ROWS} more on the health page.`);
  }
  const flapping = gridOf(nights).filter((r) => r.flapping);
  if (flapping.length) {
    lines.push('', `**Flapping** (${FLAP_CHANGES} or more state changes over the last ${FLAP_WINDOW} nights): ${flapping.slice(0, MAX_ROWS).map((r) => `\`${cell(checkTitle(r.id))}\``).join(', ')}${flapping.length > MAX_ROWS ? ', …' : ''}`);
  }
  const flaky = gridOf(nights).filter((r) => r.cells.at(-1) === 'flaky');
  if (flaky.length) lines.push('', `**Flaky tonight** (failed, then passed on its retry; not a failure): ${flaky.slice(0, MAX_ROWS).map((r) => `\`${cell(checkTitle(r.id))}\``).join(', ')}${flaky.length > MAX_ROWS ? ', …' : ''}`);
  for (const b of t.budgets?.breaches ?? []) lines.push('', `**Budget ${b.level}**: ${cell(b.text)}`);
  for (const c of t.certificates ?? []) if (c.warning) lines.push('', `**Certificate**: ${cell(c.warning)}`);
  const slower = latencyOf(nights).filter((s) => s.regressions.at(-1)!.length);
  if (slower.length) {
    lines.push('', `**Slower tonight** (a warning): ${slower.map((s) => `${s.operationId} ${s.regressions.at(-1)!.map((r) => `${r.metric} ${r.value} ms (median ${r.baseline} ms)`).join(', ')}`).join('; ')}`);
  }
  lines.push('', `The health page: \`${pagePath}\` in the reports artifact (opens from disk), with the grid of checks × nights, latency charts and links into the Playwright and Allure reports.`);
  return `${lines.join('\n')}\n`;
}
