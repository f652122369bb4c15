// The rule inventory and the conformance statement, without a run: the inventory's entries (one per rule, each id
// once, each rule a check names in it); the statement's verdicts from tests' held checks, observations and skips; and
// findings named by rule: one per rule and observation, "unexplained" where no rule explains a failure.
import { expect, test } from '@playwright/test';
import { RULES } from '../../src/contract/business-rules.js';
import { Contract } from '../../src/contract/contract.js';
import type { Observation } from '../../src/contract/findings.js';
import { inventoryOf, RuleInventory, type InventoryRule } from '../../src/contract/inventory.js';
import { MODEL_RULES } from '../../src/contract/model-rules.js';
import { PROSE_RULES } from '../../src/contract/prose-rules.js';
import { parseSkipRules } from '../../src/suite/config.js';
import { buildStatement, summaryLine } from '../../products/conformance/statement.js';
import { groupFindings, type TestOutcome } from '../../products/findings/model.js';
import { buildReport } from '../../products/findings/report.js';
import { positiveVariants } from '../../fixtures/positive.js';
import type { Night } from '../../products/health/history.js';
import { renderHealthPage } from '../../products/health/page.js';
import { boundVariants, missingFieldVariants, parameterVariants, wrongTypeVariants, credentialVariants } from '../../fixtures/variants.js';

const c = new Contract();
const inventory = inventoryOf(c);

test('the inventory: every rule once, by a stable dotted id, from each of its five sources', () => {
  const ids = inventory.rules.map((r) => r.id);
  expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
  for (const id of ids) expect(id, 'dotted, no spaces').toMatch(/^[\w[\]./-]+$/);
  const sizes = inventory.sizes();
  for (const origin of ['spec', 'exchange', 'business', 'model', 'prose'] as const) expect(sizes[origin]?.refuse + sizes[origin]?.guidance, origin).toBeGreaterThan(0);
  // Derived, not copied: one spec entry per constraint of the rule table (a node "as a whole" is a fallback only).
  expect(sizes.spec.refuse + sizes.spec.guidance).toBe(c.rules.rules.filter((r) => r.keyword !== '*').length);
  for (const r of [...Object.values(RULES), ...Object.values(MODEL_RULES), ...Object.values(PROSE_RULES)]) expect(inventory.has(r.id), r.id).toBe(true);
  expect(inventory.get('applyToken.exchange.refuses-valid')).toMatchObject({ origin: 'exchange', strength: 'refuse' });
  expect(inventory.get('saveSatisfaction.request.body.evaluation.enum')).toMatchObject({ origin: 'spec', strength: 'refuse', keyword: 'enum' });
});

test('every generated negative and positive variant names a rule of the inventory', () => {
  const missing: string[] = [];
  for (const op of c.operations.values()) {
    const refs = [...(op.requestSchemaPointer ? [...missingFieldVariants(op), ...wrongTypeVariants(op), ...boundVariants(op), ...positiveVariants(op)] : []), ...parameterVariants(op), ...credentialVariants(op)].map((v) => v.rule);
    for (const r of refs) if (!r.id || !inventory.has(r.id)) missing.push(`${op.operationId}: ${r.id ?? '(no id)'} ${r.rule}`);
  }
  expect(missing).toEqual([]);
});

const rule = (id: string, strength: 'refuse' | 'guidance' = 'refuse', extra: Partial<InventoryRule> = {}): InventoryRule =>
  ({ id, origin: 'business', operationId: id.split('.')[0], strength, rule: id, source: 'seed', checks: ['business'], ...extra });
const outcome = (name: string, o: Partial<TestOutcome> = {}): TestOutcome => ({ name, status: 'passed', observations: [], errors: [], operationIds: [], ...o });
const obs = (ruleId: string, verdict: 'fail' | 'warn', signature: string, check: Observation['check'] = 'business'): Observation =>
  ({ ruleId, signature, verdict, strength: verdict === 'fail' ? 'refuse' : 'guidance', operationId: ruleId.split('.')[0], check, rule: ruleId, source: 's', message: 'm' });

test('the statement: verified, failed, warned, not reached (why), no check, not applicable, disabled, lost coverage', () => {
  const inv = new RuleInventory([rule('poll.a'), rule('poll.b'), rule('poll.c', 'guidance'), rule('poll.d'), rule('poll.e'), rule('poll.f'), rule('poll.g'), rule('poll.h'),
    rule('poll.response.200.body.x.type', 'refuse', { origin: 'spec', direction: 'response', status: '200', at: '/body/x' })]);
  const tests = [
    outcome('t1', { held: ['poll.a', 'poll.b'], observations: [obs('poll.b', 'fail', 'sig-b')], status: 'failed' }),
    outcome('t2', { held: ['poll.c'], observations: [obs('poll.c', 'warn', 'sig-c')] }),
    outcome('t3', { status: 'skipped', skipReason: 'no agent configured' }),
    outcome('t4', { status: 'skipped', skipReason: 'places a call or leaves a message on a real tenant: set CEC_ALLOW_SIDE_EFFECTS=1 to run it' }),
    outcome('t5', {}),
  ];
  const reference = { made: { from: 'mock', seed: '1', at: '' }, rules: { 'poll.d': { status: 'verified' as const, tests: ['t3'] }, 'poll.e': { status: 'verified' as const, tests: ['t4'] }, 'poll.f': { status: 'verified' as const, tests: ['t5'] } } };
  const s = buildStatement({ inventory: inv, tests, findings: [], reference, skipRules: { 'poll.h': 'TENANT-9: known' }, run: { startedAt: '', tenant: 't', seed: '1', target: 'tenant' } });
  const status = Object.fromEntries(s.rules.map((r) => [r.id, [r.status, r.reason ?? '']]));
  expect(status['poll.a'][0]).toBe('verified');
  expect(status['poll.b'][0]).toBe('failed');
  expect(status['poll.c'][0]).toBe('warned');
  expect(status['poll.d']).toEqual(['not-reached', 'not reached on this tenant: its tests were skipped: no agent configured']);
  expect(status['poll.e'][0]).toBe('not-applicable');
  expect(status["poll.f"]).toEqual(['not-reached', expect.stringMatching(/^not reached on this tenant: its tests ran but never met its situation/)]);
  expect(status['poll.g']).toEqual(['no-check', 'nothing in the suite can fail for it']);
  expect(status['poll.h']).toEqual(['disabled', 'TENANT-9: known']);
  expect(status['poll.response.200.body.x.type']).toEqual(['not-reached', 'no poll answer HTTP 200 carried /x']);
  expect(s.lostCoverage.sort()).toEqual(['poll.d', 'poll.f']);
  expect(s.rules[0].strength, 'refuse rules first').toBe('refuse');
  expect(summaryLine(s)).toMatch(/^verified 1 of 8 refuse rules; 1 failed; 3 not reached \(.*\); 1 without a check; 1 not applicable to this target; 1 disabled; guidance: 0 verified, 1 warned/);
});

test('findings name their rule: one per rule and observation wherever it was met; unexplained failures say so; a warning once per rule', () => {
  const refused = (status: number): Observation => ({ ...obs('applyToken.exchange.refuses-valid', 'fail', `applyToken refuses-valid HTTP ${status}`, 'refuses-valid') });
  const tests = [
    outcome('a', { status: 'failed', observations: [refused(200)], operationIds: ['downloadFileStream'] }),
    outcome('b', { status: 'failed', observations: [refused(200)], operationIds: ['saveSatisfaction'] }),
    outcome('c', { status: 'failed', observations: [refused(429)], operationIds: ['send'] }),
    outcome('d', { status: 'failed', errors: ['Error: expect(received).toBe(expected) at step CHAT'], operationIds: ['send'] }),
    outcome('e', { observations: [obs('applyToken.exchange.status', 'warn', 'applyToken status HTTP 403', 'status'), obs('applyToken.exchange.status', 'warn', 'applyToken status HTTP 418', 'status')] }),
  ];
  const f = groupFindings(tests);
  expect(f.map((x) => [x.ruleId ?? 'unexplained', x.verdict, x.count])).toEqual([
    ['applyToken.exchange.refuses-valid', 'fail', 2], ['applyToken.exchange.refuses-valid', 'fail', 1], ['unexplained', 'fail', 1], ['applyToken.exchange.status', 'warn', 1],
  ]);
  expect(f[2]).toMatchObject({ operationId: null, rule: expect.stringMatching(/^unexplained: /), check: 'error' });
  // No two findings share a rule and an observation.
  const keys = f.map((x) => `${x.ruleId} ${x.signature}`);
  expect(new Set(keys).size).toBe(keys.length);
});

test('CEC_SKIP_RULES: a rule switched off by id is shown with its reason and its findings are known, never silently gone', () => {
  expect(parseSkipRules('poll.delivered-once:TENANT-1 dup bug, send.to-is-channel')).toEqual({ 'poll.delivered-once': 'TENANT-1 dup bug', 'send.to-is-channel': 'no reason given' });
  const issues: Array<{ variable: string; message: string }> = [];
  parseSkipRules('no spaces allowed:x', issues);
  expect(issues.map((i) => i.variable)).toEqual(['CEC_SKIP_RULES']);
  const r = buildReport([outcome('a', { status: 'failed', observations: [obs('poll.delivered-once', 'fail', 'poll business x')] })], [],
    { startedAt: '', durationMs: 0, tenant: 't', seed: '1', strict: false, baselineFile: 'b' }, [], '2030-01-01', undefined, { 'poll.delivered-once': 'TENANT-1' });
  expect(r.findings[0]).toMatchObject({ status: 'known', baseline: { reason: 'rule disabled (CEC_SKIP_RULES): TENANT-1' } });
  expect(r.gate.passed).toBe(true);
});

test('the health page tracks refuse rules verified per night and says tonight\'s lost coverage', () => {
  const night = (d: number, verified: number, lostCoverage: number): Night => ({
    v: 1, startedAt: `2030-01-0${d}T02:17:00.000Z`, durationMs: 1000, tenant: 'https://tenant.example.com', seed: String(d), verdict: 'healthy', exitCode: 0,
    counts: { ok: 1, failed: 0, unreachable: 0, skipped: 0 }, checks: [], operations: {}, findings: [], known: [], findingsSource: 'derived',
    rules: { refuse: 485, verified, notReached: 485 - verified, noCheck: 0, lostCoverage },
  });
  const html = renderHealthPage([night(1, 300, 0), night(2, 296, 4)], { links: [{ label: 'Conformance statement', href: 'conformance/index.html' }], historyFile: 'h', keep: 30 });
  expect(html).toMatch(/<table class="grid" id="rules-per-night"><tr><th>verified<\/th><td [^>]*>300<\/td><td [^>]*>296<\/td><\/tr><\/table>/);
  expect(html).toContain('<b>4 refuse rule(s) the embedded mock reaches were not reached on this tenant</b>');
  expect(html).toContain('href="conformance/index.html"');
});
