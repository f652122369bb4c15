// Mutation testing of the conformance suite: the pure part of `npm run mutation` (mutation/runner.ts). It reads
// the Playwright JSON report of one run, decides the verdict (killed, survived, error), and renders the table, the
// JSON document (reports/mutation.json) and the HTML page (reports/mutation/index.html).

/** What happened to one mutant (or to the clean run, whose verdict is passed/failed). */
export type Verdict = 'killed' | 'survived' | 'error' | 'dropped' | 'passed' | 'failed' | 'cancelled';

/** A test that failed in a run, with the first line of why. */
export interface CaughtBy {
  title: string;
  file: string;
  project: string;
  reason: string;
}

export interface RunSummary {
  /** Tests that failed (failed or timed out). */
  failed: CaughtBy[];
  passed: number;
  skipped: number;
  /** Tests that did not finish because the run stopped (--max-failures). */
  interrupted: number;
  /** Errors outside any test (config, global setup, a crashed worker). */
  errors: string[];
  /** The run's own duration in seconds (Playwright's stats), when known. */
  durationS?: number;
}

export interface MutantResult {
  name: string;
  area: string;
  rule: string;
  how: string;
  verdict: Verdict;
  caughtBy: CaughtBy[];
  seconds: number;
  notes: string;
}

export interface MutationDocument {
  version: 1;
  startedAt: string;
  wallSeconds: number;
  settings: Record<string, unknown>;
  clean: MutantResult;
  mutants: MutantResult[];
  /** Killed among the mutants that ran (dropped ones excluded). */
  killed: number;
  ran: number;
  killRate: number;
  ok: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a Playwright JSON report.

interface PwResult { status: string; error?: { message?: string }; errors?: Array<{ message?: string }> }
interface PwTest { status: string; projectName: string; results: PwResult[] }
interface PwSpec { title: string; file: string; tests: PwTest[] }
interface PwSuite { title: string; file?: string; specs?: PwSpec[]; suites?: PwSuite[] }
export interface PwReport { suites?: PwSuite[]; errors?: Array<{ message?: string }>; stats?: { duration?: number } }

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
/** The first meaningful line of an error message, without colour codes. */
export function firstLine(message: string | undefined): string {
  const lines = (message ?? '').replace(ANSI, '').split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines[0] ?? '';
  return line.length > 240 ? `${line.slice(0, 240)}…` : line;
}

/** Summarises a Playwright JSON report. */
export function summarize(report: PwReport): RunSummary {
  const out: RunSummary = { failed: [], passed: 0, skipped: 0, interrupted: 0, errors: (report.errors ?? []).map((e) => firstLine(e.message)) };
  if (report.stats?.duration !== undefined) out.durationS = report.stats.duration / 1000;
  const walk = (suite: PwSuite, path: string[]): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const last = t.results.at(-1);
        const status = last?.status ?? 'skipped';
        if (status === 'failed' || status === 'timedOut') {
          out.failed.push({ title: [...path, spec.title].join(' › '), file: spec.file, project: t.projectName, reason: firstLine(last?.error?.message ?? last?.errors?.[0]?.message) || status });
        } else if (status === 'passed') out.passed++;
        else if (status === 'interrupted') out.interrupted++;
        else out.skipped++;
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  // The top-level suites are files: their title is the file path, which `file` already carries.
  for (const s of report.suites ?? []) walk(s, []);
  return out;
}

/**
 * A mutant is killed when at least one test failed. A run in which nothing failed is survived, unless it did not
 * test at all (errors outside tests, or no test passed): then it is an error, never a kill and never a survival.
 */
export function mutantVerdict(run: RunSummary | undefined): Verdict {
  if (!run) return 'error';
  if (run.failed.length) return 'killed';
  if (run.errors.length || run.passed === 0) return 'error';
  return 'survived';
}

/** The clean mock must pass the whole suite. */
export function cleanVerdict(run: RunSummary | undefined): Verdict {
  if (!run || run.failed.length || run.errors.length || run.passed === 0 || run.interrupted) return 'failed';
  return 'passed';
}

export function buildDocument(input: { startedAt: Date; wallSeconds: number; settings: Record<string, unknown>; clean: MutantResult; mutants: MutantResult[] }): MutationDocument {
  const ran = input.mutants.filter((m) => m.verdict !== 'dropped');
  const killed = ran.filter((m) => m.verdict === 'killed').length;
  return {
    version: 1,
    startedAt: input.startedAt.toISOString(),
    wallSeconds: Math.round(input.wallSeconds * 10) / 10,
    settings: input.settings,
    clean: input.clean,
    mutants: input.mutants,
    killed,
    ran: ran.length,
    killRate: ran.length ? killed / ran.length : 1,
    ok: input.clean.verdict === 'passed' && ran.every((m) => m.verdict === 'killed'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering.

const MAX_CAUGHT_SHOWN = 3;

function caughtText(m: MutantResult): string {
  if (!m.caughtBy.length) return '';
  const shown = m.caughtBy.slice(0, MAX_CAUGHT_SHOWN).map((c) => c.title);
  const more = m.caughtBy.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (+${more})` : ''}`;
}

const cutTo = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The plain-text table printed at the end of `npm run mutation`. */
export function renderTable(doc: MutationDocument, width = 60): string {
  const rows = [doc.clean, ...doc.mutants].map((m) => [
    m.name,
    cutTo(m.rule, width),
    m.verdict,
    cutTo(m.verdict === 'dropped' ? '' : caughtText(m), width),
    m.verdict === 'dropped' ? '' : m.seconds.toFixed(1),
    cutTo(m.notes, width),
  ]);
  const head = ['mutant', 'rule it breaks', 'result', 'caught by', 's', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('');
  out.push(`clean run: ${doc.clean.verdict}; mutants killed: ${doc.killed}/${doc.ran} (${(doc.killRate * 100).toFixed(1)}%)` +
    `${doc.mutants.some((m) => m.verdict === 'dropped') ? `; dropped: ${doc.mutants.filter((m) => m.verdict === 'dropped').length}` : ''}; wall time ${doc.wallSeconds.toFixed(1)} s`);
  return out.join('\n');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** reports/mutation/index.html: one self-contained page. */
export function renderHtml(doc: MutationDocument): string {
  const row = (m: MutantResult): string => {
    const caught = m.caughtBy.map((c) => `<li><span class="t">${esc(c.title)}</span><br><span class="why">${esc(c.reason)}</span></li>`).join('');
    return `<tr class="${m.verdict}"><td><code>${esc(m.name)}</code><div class="area">${esc(m.area)}</div></td>` +
      `<td>${esc(m.rule)}<div class="how">${esc(m.how)}</div></td><td class="v">${m.verdict}</td>` +
      `<td>${caught ? `<ul>${caught}</ul>` : ''}</td><td class="s">${m.verdict === 'dropped' ? '' : m.seconds.toFixed(1)}</td><td>${esc(m.notes)}</td></tr>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mutation testing of the conformance suite</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}
th{background:#f3f3f3}.v{font-weight:bold}.killed .v,.passed .v{color:#11772d}.survived .v,.failed .v,.error .v{color:#b00020}
.dropped{color:#777}.area,.how,.why{color:#666;font-size:12px}.s{text-align:right}ul{margin:0;padding-left:1.1em}
.summary{font-size:16px;margin:1em 0}
</style></head><body>
<h1>Mutation testing of the conformance suite</h1>
<p class="summary">Clean run: <b>${doc.clean.verdict}</b>. Mutants killed: <b>${doc.killed}/${doc.ran}</b> (${(doc.killRate * 100).toFixed(1)}%).
Wall time ${doc.wallSeconds.toFixed(1)} s. Started ${esc(doc.startedAt)}. ${doc.ok ? 'Every mutant was caught.' : '<b>Not every mutant was caught.</b>'}</p>
<p>Each mutant is the mock tenant with one deliberate defect (<code>MOCK_MUTATION</code>, catalogue in <code>mutation/catalogue.ts</code>);
the conformance suite ran against it in its own mock process. Settings: <code>${esc(JSON.stringify(doc.settings))}</code></p>
<table><thead><tr><th>mutant</th><th>rule it breaks / what it does</th><th>result</th><th>caught by</th><th>s</th><th>notes</th></tr></thead>
<tbody>
${[doc.clean, ...doc.mutants].map(row).join('\n')}
</tbody></table></body></html>
`;
}
