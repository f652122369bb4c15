// The pure part of `npm run mutation`: reading a run (its Playwright JSON report and its findings), the verdicts by
// strength (products/mutation/report.ts), the table, reports/mutation.json and the HTML page, and the fast mode's test
// selection (products/mutation/coverage.ts, products/mutation/operations.ts). The end-to-end run is run.spec.ts.
import { expect, test } from '@playwright/test';
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import { callOf, coverageOf, testListable, testsMeeting } from '../../products/mutation/coverage.js';
import { touchOf, type Touch } from '../../products/mutation/operations.js';
import {
  buildDocument, cleanVerdict, decisive, firstLine, mutantVerdict, renderHtml, renderTable, summarize, testsText, warningsOf,
  type FindingsFile, type MutantResult, type PwReport, type Warning,
} from '../../products/mutation/report.js';

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

const warning = (signature: string): Warning => ({ signature, rule: `rule of ${signature}`, tests: ['a.spec.ts › t'] });
const findings = (...warned: string[]): FindingsFile => ({
  findings: [
    { signature: 'send business a failure', verdict: 'fail', rule: 'r', tests: ['x'] },
    ...warned.map((signature) => ({ signature, verdict: 'warn', rule: `rule of ${signature}`, tests: ['a.spec.ts › t'] })),
  ],
});

const result = (name: string, verdict: MutantResult['verdict'], extra: Partial<MutantResult> = {}): MutantResult => ({
  name, area: 'delivery', strength: 'refuse', rule: `rule of ${name}`, how: `how of ${name}`, verdict, caughtBy: [], warnings: [], tests: { selected: 12, focused: 3 }, focusDecided: true, seconds: 10, notes: '', ...extra,
});

test.describe('reading a run', () => {
  test('summarize lists the failed tests with their title path and first error line, counts the rest, and reads the warnings', () => {
    const s = summarize(report(), findings('poll schema 200 /body/x type'));
    expect(s.failed).toEqual([{ title: 'chat journeys › agent: each message once, in order', file: 'e2e/chat.spec.ts', project: 'conformance', reason: 'Error: each agent message exactly once' }]);
    expect(s).toMatchObject({ passed: 2, skipped: 1, interrupted: 1, errors: [], durationS: 12.345 });
    expect(s.warnings).toEqual([warning('poll schema 200 /body/x type')]);
    expect(summarize(report()).warnings, 'no findings.json: no warnings').toEqual([]);
    expect(warningsOf({})).toEqual([]);
  });

  test('firstLine strips colours, blank lines and cuts long text', () => {
    expect(firstLine(`\n  ${ESC}[31mboom${ESC}[39m  \nmore`)).toBe('boom');
    expect(firstLine('x'.repeat(500))).toHaveLength(241);
    expect(firstLine(undefined)).toBe('');
  });

  test('a refuse mutant is killed by a failed test; it survives a run that only warns', () => {
    expect(mutantVerdict('refuse', summarize(report()))).toBe('killed');
    expect(mutantVerdict('refuse', summarize(report({ failed: false }), findings('new')))).toBe('survived');
    expect(mutantVerdict('refuse', summarize(report({ failed: false, errors: ['Error in global setup'] })))).toBe('error');
    expect(mutantVerdict('refuse', summarize(report({ failed: false, passed: 0 })))).toBe('error');
    expect(mutantVerdict('refuse', undefined)).toBe('error');
  });

  test('a guidance mutant is warned by a warning the clean run does not have and no failure; a failure makes it over-strict', () => {
    const clean = [warning('old')];
    expect(mutantVerdict('guidance', summarize(report({ failed: false }), findings('old', 'new')), clean)).toBe('warned');
    expect(mutantVerdict('guidance', summarize(report({ failed: false }), findings('old')), clean), 'only the clean run\'s warning').toBe('survived');
    expect(mutantVerdict('guidance', summarize(report(), findings('old', 'new')), clean), 'a test failed').toBe('over-strict');
    expect(mutantVerdict('guidance', summarize(report({ failed: false, passed: 0 }), findings('new')), clean)).toBe('error');
  });

  test('a focused run decides killed, warned and over-strict; survived and error need the whole suite', () => {
    expect(['killed', 'warned', 'over-strict'].every((v) => decisive(v as MutantResult['verdict']))).toBe(true);
    expect(['survived', 'error'].some((v) => decisive(v as MutantResult['verdict']))).toBe(false);
  });

  test('the clean run passes only when every test that ran passed and none was cut short; its warnings do not fail it', () => {
    expect(cleanVerdict(summarize(report()))).toBe('failed');
    expect(cleanVerdict(summarize(report({ failed: false })))).toBe('failed'); // one interrupted
    const clean = report({ failed: false });
    clean.suites![0].suites![0].specs = clean.suites![0].suites![0].specs!.filter((s) => s.title !== 'cut short');
    expect(cleanVerdict(summarize(clean, findings('a warning')))).toBe('passed');
    expect(cleanVerdict(undefined)).toBe('failed');
  });
});

test.describe('the document, the table and the page', () => {
  const caught = [{ title: 'chat journeys › agent', file: 'e2e/chat.spec.ts', project: 'conformance', reason: 'out of order' }];
  const doc = (mutants: MutantResult[], clean = result('clean', 'passed', { strength: '-', tests: { whole: 341 }, focusDecided: undefined })) =>
    buildDocument({ startedAt: new Date('2025-01-01T00:00:00Z'), wallSeconds: 201.23, cpuSeconds: 99.97, settings: { jobs: 3 }, clean, mutants });

  test('detection over the mutants that ran; ok only with a passing clean run and each mutant caught as its strength asks', () => {
    const d = doc([
      result('a', 'killed', { caughtBy: caught }),
      result('b', 'warned', { strength: 'guidance', warnings: [warning('w')], tests: { selected: 20, focused: 20 } }),
      result('c', 'killed', { tests: { selected: 40, focused: 40, whole: 300 }, focusDecided: false }),
      result('d', 'dropped', { notes: 'dropped: unobservable', tests: {}, focusDecided: undefined }),
    ]);
    expect(d).toMatchObject({ version: 2, ran: 3, killed: 2, warned: 1, detected: 3, overStrict: 0, detectionRate: 1, ok: true, wallSeconds: 201.2, cpuSeconds: 100, startedAt: '2025-01-01T00:00:00.000Z' });
    expect(d.focus).toEqual({ mutants: 3, testsMean: 121, testsMax: 340, misses: ['c'] });
    expect(doc([result('a', 'killed'), result('b', 'survived')])).toMatchObject({ ran: 2, detected: 1, detectionRate: 0.5, ok: false });
    expect(doc([result('a', 'over-strict', { strength: 'guidance' })])).toMatchObject({ overStrict: 1, ok: false });
    expect(doc([result('a', 'warned')]).ok, 'a refuse mutant only warned about').toBe(false);
    expect(doc([result('a', 'killed', { strength: 'guidance' })]).ok, 'a guidance mutant must not be killed').toBe(false);
    expect(doc([result('a', 'killed'), result('b', 'error')]).ok).toBe(false);
    expect(doc([result('a', 'killed')], result('clean', 'failed', { strength: '-' })).ok).toBe(false);
  });

  test('a mutant the exploration met counts its runs, not tests: it is left out of the tests per mutant and of the focus', () => {
    const d = doc([
      result('a', 'killed', { tests: { selected: 10, focused: 10 } }),
      result('x', 'killed', { tests: { explored: 40 }, focusDecided: undefined }),
    ]);
    expect(d).toMatchObject({ ran: 2, killed: 2, ok: true });
    expect(d.focus).toEqual({ mutants: 1, testsMean: 10, testsMax: 10, misses: [] });
    expect(testsText({ explored: 40 })).toBe('40 runs');
    expect(renderTable(d)).toMatch(/x\s+refuse\s+rule of x\s+killed\s+.*40 runs/);
  });

  test('the table has one row per run with strength, rule, verdict, what caught it, tests and seconds, the clean run\'s warnings and a summary line', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...caught[0], title: `test ${i}` }));
    const table = renderTable(doc([
      result('reorder', 'killed', { caughtBy: many, seconds: 9.87 }),
      result('lenient', 'warned', { strength: 'guidance', warnings: [warning('poll accepts-invalid poll is served only as GET')], tests: { selected: 11, focused: 11 } }),
      result('missed', 'killed', { caughtBy: caught, tests: { selected: 4, focused: 4, whole: 2 }, focusDecided: false, notes: 'focus missed (4 tests): whole suite' }),
      result('hidden', 'dropped', { notes: 'dropped: no client sees it', tests: {} }),
    ], result('clean', 'passed', { strength: '-', tests: { whole: 341 }, warnings: [warning('agentSignIn status HTTP 404')] })));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^mutant\s+strength\s+rule it breaks\s+result\s+caught by\s+tests\s+s\s+notes$/);
    expect(table).toMatch(/reorder\s+refuse\s+rule of reorder\s+killed\s+test 0; test 1; test 2 \(\+2\)\s+3\s+9\.9/);
    expect(table).toMatch(/lenient\s+guidance\s+rule of lenient\s+killed by a warning\s+warning: poll accepts-invalid poll is served only as GET\s+11/);
    expect(table).toMatch(/missed\s+refuse .*\s+4\+2\s+10\.0\s+focus missed/);
    expect(table).toMatch(/hidden\s+refuse\s+rule of hidden\s+dropped\s+dropped: no client sees it/);
    expect(table).toContain('warnings of the clean run (a mutant is warned only by a warning not among these):\n  agentSignIn status HTTP 404 (1 test)');
    expect(lines.at(-1)).toBe('clean run: passed (1 warning); mutants detected: 3/3 (100.0%: 2 killed, 1 killed by a warning); dropped: 1; tests per mutant: mean 6.7, max 11; focus missed: 1/3; wall time 201.2 s, CPU 100.0 s');
  });

  test('the HTML page is self-contained, shows strength and the warnings that caught a mutant, and escapes what it shows', () => {
    const html = renderHtml(doc([
      result('x', 'survived', { rule: 'a <b> & "c"', caughtBy: [] }),
      result('y', 'killed', { caughtBy: caught }),
      result('z', 'warned', { strength: 'guidance', warnings: [warning('send accepts-invalid /body/content maxLength')] }),
    ]));
    expect(html).toContain('<!doctype html>');
    expect(html).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(html).toContain('<tr class="survived">');
    expect(html).toContain('<td class="st">guidance</td>');
    expect(html).toContain('warning: send accepts-invalid /body/content maxLength');
    expect(html).toContain('killed by a warning');
    expect(html).toContain('Not every mutant was caught as its rule asks.');
    expect(html).not.toMatch(/<script|<link /);
  });
});

test.describe('the fast mode\'s test selection', () => {
  const rec = (test: string, operationId: string, status: number, extra: Partial<ExchangeRecord> = {}): ExchangeRecord => ({
    v: 1, startedAt: '', durationMs: 1, operationId, raw: false, method: 'POST', url: '', status, request: { headers: {} },
    test: { file: 'f.spec.ts', title: test, titlePath: ['d', test], project: 'conformance', tags: [], retry: 0 }, workerIndex: 0, pid: 1, ...extra,
  });
  const records = [
    rec('contract', 'send', 200, { resultCode: '0' }),
    rec('contract', 'poll', 200, { resultCode: '0' }),
    rec('business', 'send', 200, { resultCode: '1' }),
    rec('bound', 'send', 400, { variant: 'bound:content', raw: true }),
    rec('param', 'saveSatisfaction', 200, { resultCode: '13', variant: 'bound:comment', raw: true }),
    rec('no key', 'poll', 401, { variant: 'credential:missing:appKey', raw: true }),
    rec('no token', 'poll', 401, { variant: 'credential:missing:ccmessagingToken', raw: true }),
    rec('lapsed', 'poll', 401, { variant: 'token:lapsed' }),
    rec('method', 'poll', 404, { variant: 'method:POST', raw: true }),
    { ...rec('setup', 'tokenByAkSk', 200), test: undefined },
    { ...rec('explored', 'send', 200, { resultCode: '0' }), test: { file: 'explore/exploration.spec.ts', title: 'explored', titlePath: ['explored'], project: 'conformance', tags: ['@explore'], retry: 0 } },
  ];
  const coverage = coverageOf(records);
  const touch = (operations: string[], calls: Touch['calls'], credential?: Touch['credential']): Touch => ({ operations, calls, derived: false, ...(credential ? { credential } : {}) });

  test('each fixed test\'s calls, told apart by how the clean tenant answered them; calls outside a test are every run\'s, the exploration\'s no focused run\'s', () => {
    expect([...coverage.keys()]).toEqual(['f.spec.ts › d › contract', 'f.spec.ts › d › business', 'f.spec.ts › d › bound', 'f.spec.ts › d › param',
      'f.spec.ts › d › no key', 'f.spec.ts › d › no token', 'f.spec.ts › d › lapsed', 'f.spec.ts › d › method']);
    expect(coverage.get('f.spec.ts › d › contract')!.calls).toEqual([
      { operationId: 'send', refused: false, invalid: false, unauthorized: false },
      { operationId: 'poll', refused: false, invalid: false, unauthorized: false },
    ]);
    expect(callOf(records[4])).toEqual({ operationId: 'saveSatisfaction', refused: true, invalid: true, unauthorized: false });
    expect(callOf(records[5])).toEqual({ operationId: 'poll', refused: true, invalid: false, unauthorized: true, scheme: 'appKey' });
    expect(callOf(records[8])).toEqual({ operationId: 'poll', refused: true, invalid: false, unauthorized: false });
  });

  test('the tests that meet a mutant: any call, refused, invalid or unauthorized calls of its operations', () => {
    const names = (t: Touch): string[] => testsMeeting(coverage, t).map((id) => id.split(' › ').at(-1)!);
    expect(names(touch(['send'], 'any'))).toEqual(['contract', 'business', 'bound']);
    expect(names(touch(['send'], 'refused'))).toEqual(['business', 'bound']);
    expect(names(touch(['send', 'saveSatisfaction'], 'invalid'))).toEqual(['bound', 'param']);
    expect(names(touch(['poll'], 'unauthorized'))).toEqual(['no key', 'no token', 'lapsed']);
    expect(names(touch(['poll'], 'unauthorized', 'appKey')), 'another scheme withheld: not this mutant\'s').toEqual(['no key', 'lapsed']);
    expect(names(touch(['poll'], 'unauthorized', 'live')), 'a live credential refused').toEqual(['lapsed']);
    expect(names(touch(['poll'], 'refused'))).toEqual(['no key', 'no token', 'lapsed', 'method']);
    expect(names(touch(['tokenByAkSk'], 'any')), 'global setup\'s call is no test\'s').toEqual([]);
  });

  test('a catalogue mutant\'s touch selects its tests: a delivery mutant the agent\'s tests, an auth mutant its scheme\'s refusals', () => {
    const agent = coverageOf([rec('agent', 'sendMessage', 200, { resultCode: '0' }), ...records]);
    expect(testsMeeting(agent, touchOf('lose-agent-message', { area: 'delivery', seam: 'delivery', rule: 'r', how: 'h', operations: ['sendMessage'], deliver: () => [] }))).toEqual(['f.spec.ts › d › agent']);
    expect(testsMeeting(coverage, touchOf('ignore-app-key', { area: 'auth', seam: 'auth', rule: 'r', how: 'h', ignoreCredential: 'appKey' }))).toEqual(['f.spec.ts › d › no key', 'f.spec.ts › d › lapsed']);
  });

  test('a test list carries an id on one line that is neither a comment nor a project', () => {
    expect(testListable('contract/token.spec.ts › tokens › issues a token')).toBe(true);
    expect(testListable('# x')).toBe(false);
    expect(testListable('[smoke] › x')).toBe(false);
    expect(testListable('a\nb')).toBe(false);
  });
});
