// The pure part of `npm run mutation` (mutation/report.ts, mutation/focus.ts): reading a Playwright JSON
// report, the verdicts, the table, reports/mutation.json and the HTML page, and the focus map. The end-to-end run
// is run.spec.ts.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MUTATIONS } from '../../mutation/catalogue.js';
import { AREA_FOCUS, focusOf, MUTANT_FOCUS } from '../../mutation/focus.js';
import { buildDocument, cleanVerdict, firstLine, mutantVerdict, renderHtml, renderTable, summarize, type MutantResult, type PwReport } from '../../mutation/report.js';
import type { Mutation } from '../../mutation/types.js';

const ESC = '\u001b';

/** A Playwright JSON report: one file, a describe with a failed, a passed, a skipped and an interrupted test. */
function report(overrides: { failed?: boolean; errors?: string[]; passed?: number } = {}): PwReport {
  const test = (title: string, status: string, message?: string) => ({
    title, file: 'e2e/chat.spec.ts',
    tests: [{ status: status === 'passed' ? 'expected' : status === 'skipped' ? 'skipped' : 'unexpected', projectName: 'conformance', results: [{ status, ...(message ? { error: { message } } : {}) }] }],
  });
  const specs = [
    ...(overrides.failed === false ? [] : [test('agent: each message once, in order', 'failed', `Error: ${ESC}[2meach agent message exactly once${ESC}[22m\n\nExpected: ...`)]),
    ...Array.from({ length: overrides.passed ?? 2 }, (_, i) => test(`passes ${i}`, 'passed')),
    test('not run', 'skipped'),
    test('cut short', 'interrupted'),
  ];
  return {
    suites: [{ title: 'e2e/chat.spec.ts', file: 'e2e/chat.spec.ts', suites: [{ title: 'chat journeys', file: 'e2e/chat.spec.ts', specs }] }],
    errors: (overrides.errors ?? []).map((message) => ({ message })),
    stats: { duration: 12_345 },
  };
}

const result = (name: string, verdict: MutantResult['verdict'], extra: Partial<MutantResult> = {}): MutantResult => ({
  name, area: 'delivery', rule: `rule of ${name}`, how: `how of ${name}`, verdict, caughtBy: [], seconds: 10, notes: '', ...extra,
});

test.describe('reading a run', () => {
  test('summarize lists the failed tests with their title path and first error line, and counts the rest', () => {
    const s = summarize(report());
    expect(s.failed).toEqual([{ title: 'chat journeys › agent: each message once, in order', file: 'e2e/chat.spec.ts', project: 'conformance', reason: 'Error: each agent message exactly once' }]);
    expect(s).toMatchObject({ passed: 2, skipped: 1, interrupted: 1, errors: [], durationS: 12.345 });
  });

  test('firstLine strips colours, blank lines and cuts long text', () => {
    expect(firstLine(`\n  ${ESC}[31mboom${ESC}[39m  \nmore`)).toBe('boom');
    expect(firstLine('x'.repeat(500))).toHaveLength(241);
    expect(firstLine(undefined)).toBe('');
  });

  test('a mutant is killed when a test failed, survived when the suite passed, an error when nothing was tested', () => {
    expect(mutantVerdict(summarize(report()))).toBe('killed');
    expect(mutantVerdict(summarize(report({ failed: false })))).toBe('survived');
    expect(mutantVerdict(summarize(report({ failed: false, errors: ['Error in global setup'] })))).toBe('error');
    expect(mutantVerdict(summarize(report({ failed: false, passed: 0 })))).toBe('error');
    expect(mutantVerdict(undefined)).toBe('error');
  });

  test('the clean run passes only when every test that ran passed and none was cut short', () => {
    expect(cleanVerdict(summarize(report()))).toBe('failed');
    expect(cleanVerdict(summarize(report({ failed: false })))).toBe('failed'); // one interrupted
    const clean = report({ failed: false });
    clean.suites![0].suites![0].specs = clean.suites![0].suites![0].specs!.filter((s) => s.title !== 'cut short');
    expect(cleanVerdict(summarize(clean))).toBe('passed');
    expect(cleanVerdict(undefined)).toBe('failed');
  });
});

test.describe('the document, the table and the page', () => {
  const caught = [{ title: 'chat journeys › agent', file: 'e2e/chat.spec.ts', project: 'conformance', reason: 'out of order' }];
  const doc = (mutants: MutantResult[], clean = result('clean', 'passed')) =>
    buildDocument({ startedAt: new Date('2025-01-01T00:00:00Z'), wallSeconds: 201.23, settings: { jobs: 3 }, clean, mutants });

  test('kill rate over the mutants that ran; ok only with a passing clean run and every mutant killed', () => {
    const d = doc([result('a', 'killed', { caughtBy: caught }), result('b', 'killed'), result('c', 'dropped', { notes: 'dropped: unobservable' })]);
    expect(d).toMatchObject({ version: 1, ran: 2, killed: 2, killRate: 1, ok: true, wallSeconds: 201.2, startedAt: '2025-01-01T00:00:00.000Z' });
    expect(doc([result('a', 'killed'), result('b', 'survived')])).toMatchObject({ ran: 2, killed: 1, killRate: 0.5, ok: false });
    expect(doc([result('a', 'killed'), result('b', 'error')]).ok).toBe(false);
    expect(doc([result('a', 'killed')], result('clean', 'failed')).ok).toBe(false);
  });

  test('the table has one row per run with rule, verdict, catching tests and seconds, and a summary line', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...caught[0], title: `test ${i}` }));
    const table = renderTable(doc([result('reorder', 'killed', { caughtBy: many, seconds: 9.87 }), result('hidden', 'dropped', { notes: 'dropped: no client sees it' })]));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^mutant\s+rule it breaks\s+result\s+caught by\s+s\s+notes$/);
    expect(table).toMatch(/reorder\s+rule of reorder\s+killed\s+test 0; test 1; test 2 \(\+2\)\s+9\.9/);
    expect(table).toMatch(/hidden\s+rule of hidden\s+dropped\s+dropped: no client sees it/);
    expect(lines.at(-1)).toBe('clean run: passed; mutants killed: 1/1 (100.0%); dropped: 1; wall time 201.2 s');
  });

  test('the HTML page is self-contained and escapes what it shows', () => {
    const html = renderHtml(doc([result('x', 'survived', { rule: 'a <b> & "c"', caughtBy: [] }), result('y', 'killed', { caughtBy: caught })]));
    expect(html).toContain('<!doctype html>');
    expect(html).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(html).toContain('<tr class="survived">');
    expect(html).toContain('Not every mutant was caught.');
    expect(html).not.toMatch(/<script|<link /);
  });
});

test.describe('focus', () => {
  test('every area of the catalogue has focus files, and every focus file exists', () => {
    for (const m of Object.values(MUTATIONS) as Mutation[]) expect(AREA_FOCUS[m.area], `focus for area ${m.area}`).toBeDefined();
    for (const files of [...Object.values(AREA_FOCUS), ...Object.values(MUTANT_FOCUS)]) {
      for (const f of files) expect(existsSync(fileURLToPath(new URL(`../../${f}`, import.meta.url))), `${f} exists`).toBe(true);
    }
    for (const name of Object.keys(MUTANT_FOCUS)) expect(Object.keys(MUTATIONS), `MUTANT_FOCUS names a mutant: ${name}`).toContain(name);
    expect(focusOf('bad-request-as-200', 'status')).toEqual(['tests/negative/bodies.spec.ts']);
    expect(focusOf('anything', 'auth')).toEqual(AREA_FOCUS.auth);
    expect(focusOf('anything', 'no-such-area')).toEqual([]);
  });
});
