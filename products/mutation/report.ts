// Mutation testing of the conformance suite: the pure part of `npm run mutation` (products/mutation/runner.ts). It reads
// the Playwright JSON report and the findings (findings.json) of one run, decides the verdict, and renders the table,
// the JSON document (reports/mutation.json) and the HTML page (reports/mutation/index.html).
//
// Verdicts, by the strength of the rule the mutant breaks (types.ts):
//   refuse    killed       at least one test failed
//   guidance  warned       no test failed, and the run has a warning the clean run does not ("killed by a warning")
//   guidance  over-strict  a test failed: the suite fails a lawful tenant, a defect of the suite
//   either    survived     nothing of the above, though tests ran; error: nothing was tested (setup failed, no report)
import type { Strength } from '../../src/contract/rules.js';

/** What happened to one mutant (or to the clean run, whose verdict is passed/failed). */
export type Verdict = 'killed' | 'warned' | 'over-strict' | 'survived' | 'error' | 'dropped' | 'passed' | 'failed' | 'cancelled';

/** How the table names a verdict. */
export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  killed: 'killed', warned: 'killed by a warning', 'over-strict': 'OVER-STRICT', survived: 'SURVIVED', error: 'ERROR',
  dropped: 'dropped', passed: 'passed', failed: 'FAILED', cancelled: 'cancelled',
};

/** A test that failed in a run, with the first line of why. */
export interface CaughtBy {
  title: string;
  file: string;
  project: string;
  reason: string;
}

/** A warning of a run: one finding of findings.json with verdict warn. */
export interface Warning {
  signature: string;
  rule: string;
  /** The tests that met it. */
  tests: string[];
}

/** What a run's findings.json holds that the verdicts read (the format is products/findings/model.ts's). */
export interface FindingsFile {
  findings?: Array<{ signature: string; verdict: string; rule?: string; tests?: string[] }>;
}

/** The warnings of a run's findings. */
export function warningsOf(findings: FindingsFile | undefined): Warning[] {
  return (findings?.findings ?? []).filter((f) => f.verdict === 'warn').map((f) => ({ signature: f.signature, rule: f.rule ?? '', tests: f.tests ?? [] }));
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
  /** The run's warnings (its findings.json; empty when it wrote none). */
  warnings: Warning[];
}

/** How many tests ran (passed or failed; skipped and interrupted ones did not). */
export const testsRan = (run: RunSummary): number => run.passed + run.failed.length;

/** The tests that met a mutant: the focused run's, and the whole suite's when the focused run did not decide. */
export interface TestsRun {
  /** Tests that can meet the mutant (coverage.ts); undefined without a focused run (--full, no coverage). */
  selected?: number;
  /** Tests that ran in the focused run. */
  focused?: number;
  /** Tests that ran in the whole-suite run. */
  whole?: number;
  /** Runs of the model-based exploration (a mutant only the exploration kills, catalogue `killedBy`). */
  explored?: number;
}

export interface MutantResult {
  name: string;
  area: string;
  /** The strength of the rule it breaks ('-' for the clean run). */
  strength: Strength | '-';
  rule: string;
  how: string;
  /** The operations it touches (operations.ts), as text. */
  touches?: string;
  verdict: Verdict;
  caughtBy: CaughtBy[];
  /** The run's warnings the clean run does not have (what caught a warned mutant); for the clean run, its warnings. */
  warnings: Warning[];
  tests: TestsRun;
  /** The focused run decided the verdict (false: the whole suite ran; undefined: no focused run). */
  focusDecided?: boolean;
  seconds: number;
  notes: string;
}

export interface FocusStats {
  /** Mutants with a focused run. */
  mutants: number;
  /** Tests run per mutant (focused run plus any whole-suite run), over the mutants that ran the suite. */
  testsMean: number;
  testsMax: number;
  /** Mutants whose focused run did not decide (the whole suite ran). */
  misses: string[];
}

export interface MutationDocument {
  version: 2;
  startedAt: string;
  wallSeconds: number;
  /** User and system CPU seconds of every process the runner started (mocks, Playwright runners and workers). */
  cpuSeconds?: number;
  settings: Record<string, unknown>;
  clean: MutantResult;
  mutants: MutantResult[];
  /** Among the mutants that ran (dropped ones excluded): killed (refuse), warned (guidance), both (detected). */
  killed: number;
  warned: number;
  detected: number;
  overStrict: number;
  ran: number;
  /** detected / ran. */
  detectionRate: number;
  focus: FocusStats;
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

/** Summarises a Playwright JSON report and the run's findings. */
export function summarize(report: PwReport, findings?: FindingsFile): RunSummary {
  const out: RunSummary = { failed: [], passed: 0, skipped: 0, interrupted: 0, errors: (report.errors ?? []).map((e) => firstLine(e.message)), warnings: warningsOf(findings) };
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

/** The run's warnings that the clean run does not have. */
export function newWarnings(run: RunSummary, clean: readonly Warning[]): Warning[] {
  const known = new Set(clean.map((w) => w.signature));
  return run.warnings.filter((w) => !known.has(w.signature));
}

/**
 * The verdict of a mutant's run (the header of this file): a refuse mutant is killed by a failed test; a guidance
 * mutant is warned by a warning the clean run does not have and no failed test, and a failed test makes it
 * over-strict. A run in which nothing failed and nothing new was warned about is survived, unless it did not test at
 * all (errors outside tests, or no test passed): then it is an error, never a kill and never a survival.
 */
export function mutantVerdict(strength: Strength, run: RunSummary | undefined, cleanWarnings: readonly Warning[] = []): Verdict {
  if (!run) return 'error';
  if (run.failed.length) return strength === 'refuse' ? 'killed' : 'over-strict';
  if (run.errors.length || run.passed === 0) return 'error';
  if (strength === 'guidance' && newWarnings(run, cleanWarnings).length) return 'warned';
  return 'survived';
}

/** A verdict a focused run can give: a whole-suite run would not change it. */
export const decisive = (v: Verdict): boolean => v === 'killed' || v === 'warned' || v === 'over-strict';

/** What a mutant of this strength must come to. */
export const expectedVerdict = (strength: Strength): Verdict => (strength === 'refuse' ? 'killed' : 'warned');

/** The clean mock must pass the whole suite (its warnings are listed, and never fail it). */
export function cleanVerdict(run: RunSummary | undefined): Verdict {
  if (!run || run.failed.length || run.errors.length || run.passed === 0 || run.interrupted) return 'failed';
  return 'passed';
}

const mean = (xs: number[]): number => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : 0);

export function buildDocument(input: { startedAt: Date; wallSeconds: number; cpuSeconds?: number; settings: Record<string, unknown>; clean: MutantResult; mutants: MutantResult[] }): MutationDocument {
  const ran = input.mutants.filter((m) => m.verdict !== 'dropped' && m.verdict !== 'cancelled');
  const killed = ran.filter((m) => m.verdict === 'killed').length;
  const warned = ran.filter((m) => m.verdict === 'warned').length;
  const focused = ran.filter((m) => m.focusDecided !== undefined);
  const tests = ran.filter((m) => m.tests.explored === undefined).map((m) => (m.tests.focused ?? 0) + (m.tests.whole ?? 0));
  return {
    version: 2,
    startedAt: input.startedAt.toISOString(),
    wallSeconds: Math.round(input.wallSeconds * 10) / 10,
    ...(input.cpuSeconds !== undefined ? { cpuSeconds: Math.round(input.cpuSeconds * 10) / 10 } : {}),
    settings: input.settings,
    clean: input.clean,
    mutants: input.mutants,
    killed,
    warned,
    detected: killed + warned,
    overStrict: ran.filter((m) => m.verdict === 'over-strict').length,
    ran: ran.length,
    detectionRate: ran.length ? (killed + warned) / ran.length : 1,
    focus: { mutants: focused.length, testsMean: mean(tests), testsMax: Math.max(0, ...tests), misses: focused.filter((m) => !m.focusDecided).map((m) => m.name) },
    ok: input.clean.verdict === 'passed' && input.mutants.every((m) => m.verdict === 'dropped' || (m.strength !== '-' && m.verdict === expectedVerdict(m.strength))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering.

const MAX_CAUGHT_SHOWN = 3;

/** What caught the mutant: the failed tests, or (warned) the new warnings' signatures. */
export function caughtText(m: MutantResult, max = MAX_CAUGHT_SHOWN): string {
  const items = m.verdict === 'warned' ? m.warnings.map((w) => `warning: ${w.signature}`) : m.caughtBy.map((c) => c.title);
  if (!items.length) return '';
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (+${more})` : ''}`;
}

/** "12" (focused run), "12+341" (focused, then the whole suite), "341" (the whole suite only), "9 runs" (explored). */
export function testsText(t: TestsRun): string {
  if (t.explored !== undefined) return `${t.explored} runs`;
  return [t.focused, t.whole].filter((n) => n !== undefined).join('+');
}

const cutTo = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function summaryLine(doc: MutationDocument): string {
  const dropped = doc.mutants.filter((m) => m.verdict === 'dropped').length;
  const f = doc.focus;
  return `clean run: ${doc.clean.verdict}${doc.clean.warnings.length ? ` (${doc.clean.warnings.length} warning${doc.clean.warnings.length === 1 ? '' : 's'})` : ''}; ` +
    `mutants detected: ${doc.detected}/${doc.ran} (${(doc.detectionRate * 100).toFixed(1)}%: ${doc.killed} killed, ${doc.warned} killed by a warning)` +
    `${doc.overStrict ? `; OVER-STRICT: ${doc.overStrict}` : ''}${dropped ? `; dropped: ${dropped}` : ''}; ` +
    `tests per mutant: mean ${f.testsMean}, max ${f.testsMax}${f.mutants ? `; focus missed: ${f.misses.length}/${f.mutants}` : ''}; ` +
    `wall time ${doc.wallSeconds.toFixed(1)} s${doc.cpuSeconds !== undefined ? `, CPU ${doc.cpuSeconds.toFixed(1)} s` : ''}`;
}

/** The plain-text table printed at the end of `npm run mutation`. */
export function renderTable(doc: MutationDocument, width = 60): string {
  const rows = [doc.clean, ...doc.mutants].map((m) => [
    m.name,
    m.strength,
    cutTo(m.rule, width),
    VERDICT_TEXT[m.verdict],
    cutTo(m.verdict === 'dropped' ? '' : caughtText(m), width),
    testsText(m.tests),
    m.verdict === 'dropped' ? '' : m.seconds.toFixed(1),
    cutTo(m.notes, width),
  ]);
  const head = ['mutant', 'strength', 'rule it breaks', 'result', 'caught by', 'tests', 's', 'notes'];
  const right = new Set([5, 6]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  if (doc.clean.warnings.length) {
    out.push('', 'warnings of the clean run (a mutant is warned only by a warning not among these):');
    for (const w of doc.clean.warnings) out.push(`  ${w.signature} (${w.tests.length} test${w.tests.length === 1 ? '' : 's'})`);
  }
  out.push('');
  out.push(summaryLine(doc));
  return out.join('\n');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** reports/mutation/index.html: one self-contained page. */
export function renderHtml(doc: MutationDocument): string {
  const row = (m: MutantResult): string => {
    const caught = m.caughtBy.map((c) => `<li><span class="t">${esc(c.title)}</span><br><span class="why">${esc(c.reason)}</span></li>`).join('');
    const warned = m.warnings.map((w) => `<li class="w"><span class="t">warning: ${esc(w.signature)}</span><br><span class="why">${esc(w.rule)}; met by ${esc(w.tests.slice(0, 3).join('; '))}${w.tests.length > 3 ? ` (+${w.tests.length - 3})` : ''}</span></li>`).join('');
    return `<tr class="${m.verdict}"><td><code>${esc(m.name)}</code><div class="area">${esc(m.area)}${m.touches ? `<br>touches ${esc(m.touches)}` : ''}</div></td>` +
      `<td class="st">${esc(m.strength)}</td><td>${esc(m.rule)}<div class="how">${esc(m.how)}</div></td><td class="v">${esc(VERDICT_TEXT[m.verdict])}</td>` +
      `<td>${caught || warned ? `<ul>${caught}${warned}</ul>` : ''}</td><td class="s">${esc(testsText(m.tests))}</td>` +
      `<td class="s">${m.verdict === 'dropped' ? '' : m.seconds.toFixed(1)}</td><td>${esc(m.notes)}</td></tr>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mutation testing of the conformance suite</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}
th{background:#f3f3f3}.v{font-weight:bold}.killed .v,.passed .v{color:#11772d}.warned .v{color:#8a6d00}
.survived .v,.failed .v,.error .v,.over-strict .v{color:#b00020}.dropped{color:#777}.area,.how,.why{color:#666;font-size:12px}
.s{text-align:right}.st{font-size:12px}ul{margin:0;padding-left:1.1em}.w .t{color:#8a6d00}.summary{font-size:16px;margin:1em 0}
</style></head><body>
<h1>Mutation testing of the conformance suite</h1>
<p class="summary">${esc(summaryLine(doc))}. Started ${esc(doc.startedAt)}. ${doc.ok ? 'Every mutant was caught as its rule asks.' : '<b>Not every mutant was caught as its rule asks.</b>'}</p>
<p>Each mutant is the mock tenant with one deliberate defect (<code>MOCK_MUTATION</code>, catalogue in <code>products/mutation/catalogue.ts</code>).
A mutant that breaks a <b>refuse</b> rule must make a test fail (killed); one that breaks a <b>guidance</b> rule is a lawful tenant that does
otherwise: the suite must warn about it (a warning the clean run does not have) and fail nothing (a failure is OVER-STRICT, a defect of the suite).
Tests: those run in the focused run (the tests that can meet the mutant) + those of the whole suite when the focused run did not decide;
"runs": the runs of the model-based exploration that met a mutant only an order of steps or two requests at once show (until it failed).
Settings: <code>${esc(JSON.stringify(doc.settings))}</code></p>
<table><thead><tr><th>mutant</th><th>strength</th><th>rule it breaks / what it does</th><th>result</th><th>caught by</th><th>tests</th><th>s</th><th>notes</th></tr></thead>
<tbody>
${[doc.clean, ...doc.mutants].map(row).join('\n')}
</tbody></table>
${doc.clean.warnings.length ? `<h2>Warnings of the clean run</h2><ul>${doc.clean.warnings.map((w) => `<li><code>${esc(w.signature)}</code>: ${esc(w.rule)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
