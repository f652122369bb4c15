// The systematic plans (products/explore/systematic.ts): together they take every listed pair of one customer's
// operations at once and every listed step between an agent reply and the next poll, each once, and the coverage
// page shows which were reached.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { buildApp } from '../../mock/app.js';
import { credentialVariables, MOCK_DEFAULTS } from '../../mock/credentials.js';
import { buildMutantApp } from '../../products/mutation/app.js';
import { contract, useContract } from '../../src/contract/contract.js';
import { loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { exploreSystematically } from '../../products/explore/runner.js';
import { openWorld } from '../../products/explore/standalone.js';
import { ExplorationFailure, Verdicts } from '../../products/explore/verdict.js';
import { ExploreCoverage, summarizeExploreCoverage } from '../../products/explore/coverage.js';
import { renderExplorationHtml } from '../../products/coverage/html-explore.js';
import { BETWEEN_OPS, listedBetween, listedPairs, PAIR_OPS, pairKey, systematicPlans } from '../../products/explore/systematic.js';
import type { Step } from '../../products/explore/steps.js';

// openWorld makes a contract of its own this worker's current one: the next test file in the worker gets back the one
// it had.
const before = contract();
test.afterAll(() => {
  useContract(before);
});

const pairsOf = (steps: Step[]): string[] => steps.filter((s): s is Extract<Step, { op: 'both' }> => s.op === 'both').map((s) => pairKey(s.a.op, s.b.op));

test('with an agent: every pair of the concurrent operations once, every step between a reply and a poll once', () => {
  const scope = { agent: true, sideEffects: true, canDial: true };
  const pairs = listedPairs(scope);
  expect(pairs.length, 'n(n+1)/2 pairs of the concurrent operations').toBe((PAIR_OPS.length * (PAIR_OPS.length + 1)) / 2);
  expect(listedBetween(scope)).toEqual([...BETWEEN_OPS]);
  const plans = systematicPlans(scope);
  expect(plans.slice(1).flatMap((p) => pairsOf(p.steps)).sort()).toEqual([...pairs].sort());
  expect(plans.flatMap((p) => p.between).sort()).toEqual([...BETWEEN_OPS].sort());
  expect(plans[0].steps.map((s) => s.op), 'one plan ends a queued session').toEqual(['connect', 'poll', 'both', 'poll']);
  for (const p of plans.slice(1)) {
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

// Break the thing once and watch it go red: each mutant that loses or repeats a message only in one pair or one
// order (mutation/catalogue/order.ts) fails the systematic plans alone, whatever the seed; the clean mock passes them.
test.describe('the systematic plans against the order mutants', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  for (const name of [undefined, 'concurrent-chat-reply-lost-update', 'concurrent-poll-chat-duplicates', 'queue-info-repeats-reply', 'input-drops-reply'] as const) {
    test(name ? `${name} is killed` : 'the clean mock passes', async () => {
      const options = { env: {}, logLevel: 'silent', seed: 'selftest-systematic', agentDelayMs: 30 } as const;
      const app = name ? buildMutantApp(name, options) : buildApp(options);
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const config = loadConfig({ CEC_BASE_URL: url, CEC_TARGET: 'mock', CEC_AGENT_GATEWAY_URL: url, ...credentialVariables(MOCK_DEFAULTS), CEC_REPLY_TIMEOUT_MS: '3000', CEC_REPORTS_DIR: join(PROJECT_ROOT, 'reports', 'selftest-systematic'), CEC_SEED: 'systematic' });
        const { world, close } = await openWorld(config, { reportsDir: config.reportsDir, seed: `systematic-${name ?? 'clean'}` });
        try {
          const coverage = new ExploreCoverage('selftest');
          const done = await exploreSystematically(world, 1, new Verdicts(false), coverage, { runs: 0, steps: 0, tenantSendsMarkers: false, maxPickupMs: 0 });
          const summary = summarizeExploreCoverage(coverage.data);
          if (!name) {
            expect(done.failure, String((done.failure?.error as Error | undefined)?.message)).toBeUndefined();
            expect([summary.pairs.reached, summary.between.reached]).toEqual([summary.pairs.total, summary.between.total]);
          } else {
            expect(done.failure, 'a plan fails').toBeDefined();
            const o = (done.failure!.error as ExplorationFailure).observation;
            expect(o?.strength, (done.failure!.error as Error).message).toBe('refuse');
          }
        } finally {
          await close();
        }
      } finally {
        await app.close();
      }
    });
  }
});
