// Findings (products/findings/): observations grouped by signature, one finding per root cause; a failure no check
// explained is a finding of its own; the baseline classifies new, known, expired and resolved; the gate.
import { expect, test } from '@playwright/test';
import type { Observation } from '../../src/contract/findings.js';
import { classify } from '../../products/findings/baseline.js';
import { errorSignature, groupFindings, type TestOutcome } from '../../products/findings/model.js';
import { buildReport, summarize } from '../../products/findings/report.js';

const obs = (signature: string, verdict: 'fail' | 'warn' = 'fail'): Observation => ({
  signature, verdict, strength: verdict === 'fail' ? 'refuse' : 'guidance', operationId: signature.split(' ')[0], check: 'schema', rule: `rule of ${signature}`, source: 'seed 000 table 5-2', message: 'it happened',
});
const outcome = (name: string, status: TestOutcome['status'], observations: Observation[] = [], errors: string[] = []): TestOutcome => ({ name, status, observations, errors, operationIds: ['poll'] });
const run = { startedAt: '2026-12-02T00:00:00Z', durationMs: 1000, tenant: 't', seed: '1', strict: false, baselineFile: 'b.yaml' };

test('one finding per signature, with every test that met it; a test\'s later errors are its consequences', () => {
  const tests = Array.from({ length: 35 }, (_, i) => outcome(`t${i}`, 'failed', [obs('poll schema 200 /body/downlinkMessages required')], ['TypeError: cannot read downlinkMessages']));
  tests.push(outcome('w', 'passed', [obs('send schema 200 /body/x type', 'warn')]));
  const findings = groupFindings(tests);
  expect(findings.map((f) => [f.signature, f.verdict, f.count])).toEqual([
    ['poll schema 200 /body/downlinkMessages required', 'fail', 35],
    ['send schema 200 /body/x type', 'warn', 1],
  ]);
});

test('a failure no check explained is a finding, keyed by its error with the changing parts blanked', () => {
  const findings = groupFindings([
    outcome('a', 'failed', [], ['Error: Timed out after 15000 ms (12 polls) waiting for "the robot\'s welcome"']),
    outcome('b', 'timedOut', [], ['Error: Timed out after 15000 ms (9 polls) waiting for "the robot\'s welcome"']),
  ]);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ check: 'error', count: 2, verdict: 'fail' });
  expect(errorSignature('Error: No answer from GET http://127.0.0.1:4455/x: ECONNRESET 42')).toBe('No answer from GET <url> ECONNRESET N');
});

test('the baseline: known, expired (counts as new), resolved; the gate fails only on new failing findings', () => {
  const tests = [outcome('a', 'failed', [obs('poll schema A')]), outcome('b', 'failed', [obs('send schema B')]), outcome('c', 'passed', [obs('x W', 'warn')])];
  const baseline = [
    { signature: 'poll schema A', reason: 'TENANT-1', expires: '2027-01-01' },
    { signature: 'send schema B', reason: 'TENANT-2', expires: '2026-01-01' },
    { signature: 'gone C', reason: 'TENANT-3', expires: '2027-01-01' },
  ];
  const { findings, resolved } = classify(groupFindings(tests), baseline, '2026-12-02');
  expect(findings.map((f) => [f.signature, f.status])).toEqual([['poll schema A', 'known'], ['send schema B', 'expired'], ['x W', 'new']]);
  expect(resolved.map((e) => e.signature)).toEqual(['gone C']);

  const r = buildReport(tests, baseline, run, [], '2026-12-02');
  expect(r.gate).toMatchObject({ passed: false });
  expect(buildReport(tests, [...baseline.slice(0, 1), { ...baseline[1], expires: '2027-06-01' }], run, [], '2026-12-02').gate.passed).toBe(true);
  const text = summarize(r, 'reports/findings/index.html');
  expect(text).toMatch(/KNOWN poll schema A/);
  expect(text).toMatch(/RESOLVED gone C/);
  expect(text).toMatch(/Gate: FAILED/);
});

test('warnings never fail the gate', () => {
  const r = buildReport([outcome('a', 'passed', [obs('x W', 'warn')])], [], run);
  expect(r.gate.passed).toBe(true);
  expect(r.counts).toMatchObject({ warn: 1, fail: 0, warned: 1 });
});
