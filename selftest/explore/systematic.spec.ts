// The systematic plans (src/tools/explore/systematic.ts): together they take every listed pair of one customer's
// operations at once and every listed step between an agent reply and the next poll, each once, and the coverage
// page shows which were reached.
import { expect, test } from '@playwright/test';
import { ExploreCoverage, summarizeExploreCoverage } from '../../src/tools/explore/coverage.js';
import { renderExplorationHtml } from '../../src/tools/coverage/html-explore.js';
import { BETWEEN_OPS, listedBetween, listedPairs, PAIR_OPS, pairKey, systematicPlans } from '../../src/tools/explore/systematic.js';
import type { Step } from '../../src/tools/explore/steps.js';

const pairsOf = (steps: Step[]): string[] => steps.filter((s): s is Extract<Step, { op: 'both' }> => s.op === 'both').map((s) => pairKey(s.a.op, s.b.op));

test('with an agent: every pair of the concurrent operations once, every step between a reply and a poll once', () => {
  const scope = { agent: true, sideEffects: true, canDial: true };
  const pairs = listedPairs(scope);
  expect(pairs.length, 'n(n+1)/2 pairs of the concurrent operations').toBe((PAIR_OPS.length * (PAIR_OPS.length + 1)) / 2);
  expect(listedBetween(scope)).toEqual([...BETWEEN_OPS]);
  const plans = systematicPlans(scope);
  expect(plans.flatMap((p) => pairsOf(p.steps)).sort()).toEqual([...pairs].sort());
  expect(plans.flatMap((p) => p.between).sort()).toEqual([...BETWEEN_OPS].sort());
  for (const p of plans) {
    expect(p.steps.slice(0, 3).map((s) => s.op), 'each plan starts in the agent\'s session').toEqual(['connect', 'transfer', 'waitAgent']);
    p.steps.forEach((s, i) => {
      // Every pair and every step between meets an agent message pending: the agent's reply right before it.
      if (s.op === 'both') expect(p.steps[i - 1].op).toBe('agentReply');
    });
    // A step that changes the session (connect, disconnect, reconnect) ends its plan.
    const changes = p.steps.slice(3).filter((s) => ['connect', 'disconnect', 'reconnect'].includes(s.op) || (s.op === 'both' && [s.a.op, s.b.op].some((x) => x === 'connect' || x === 'disconnect')));
    expect(changes.length, JSON.stringify(p.steps)).toBeLessThanOrEqual(1);
  }
});

test('without an agent or side effects: only what the tenant can be sent is listed', () => {
  const scope = { agent: false, sideEffects: false, canDial: false };
  expect(listedPairs(scope).some((k) => k.includes('agentReply'))).toBe(false);
  expect(listedBetween(scope)).toEqual([]);
  for (const p of systematicPlans(scope)) expect(p.steps.some((s) => s.op === 'agentReply' || s.op === 'waitAgent')).toBe(false);
  expect(listedBetween({ agent: true, sideEffects: false, canDial: false })).not.toContain('createClickToCall');
});

test('the coverage page shows the listed pairs and steps, each reached or not', () => {
  const coverage = new ExploreCoverage('selftest');
  coverage.list({ pairs: ['poll+poll', 'chat+poll'], between: ['input', 'queue'] });
  coverage.concurrent('poll', 'poll');
  coverage.between('queue');
  const summary = summarizeExploreCoverage(coverage.data);
  expect(summary.pairs).toEqual({ reached: 1, total: 2, missing: ['chat+poll'] });
  expect(summary.between).toEqual({ reached: 1, total: 2, missing: ['input'] });
  const html = renderExplorationHtml({ ...coverage.data, summary });
  expect(html).toContain('Listed pairs reached: 1/2 (50%); not reached: chat+poll');
  expect(html).toMatch(/data-pair="poll\+poll">1</);
  expect(html).toMatch(/data-pair="chat\+poll">✘</);
  expect(html).toContain('✘ agent reply, <b>input</b>, poll');
});
