// The same tenant, the same verdict (issue 26, point 8): two explorations with the same seed against the same mock
// reach the same verdict rule by rule, on the default profile and on the lenient one (replies 300 ms late, a robot's
// turns in two downlinks, polls a page at a time: where a verdict decided by when a run happens to end would show).
// What is owed (agent messages, robot answers, a marking tenant's DISCONNECT downlinks) is waited for up to the reply
// deadline, and the settle window is sized by what the systematic plans learned of the tenant before the random runs.
// Each exploration: the systematic plans (every listed pair and step, most of the requests) and 4 random runs of up to
// 15 steps (fast-check's first 4 of the seed; the lenient tenant's settle windows make each run ~1 s).
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { buildApp } from '../../mock/app.js';
import { credentialVariables, MOCK_DEFAULTS } from '../../mock/credentials.js';
import { contract, useContract } from '../../src/contract/contract.js';
import { loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { explore, type ExploreResult } from '../../products/explore/runner.js';
import { exploreSettings } from '../../products/explore/settings.js';
import { openWorld } from '../../products/explore/standalone.js';

// openWorld makes a contract of its own this worker's current one: the next test file in the worker gets back the one
// it had.
const before = contract();
test.afterAll(() => {
  useContract(before);
});
const REPORTS = join(PROJECT_ROOT, 'reports', 'selftest-explore-determinism');

/** What a run of the exploration decided: failed or not (and on which rule), and the rules it warned about. */
const verdictOf = (r: ExploreResult): { ok: boolean; failure?: string; warnings: string[]; pairs: number; between: number } => ({
  ok: r.ok,
  ...(r.failure ? { failure: r.failure.observation?.signature ?? r.failure.message.split('\n')[0] } : {}),
  warnings: r.warnings.map((w) => w.observation.signature).sort(),
  pairs: Object.keys(r.coverage.data.concurrent).filter((k) => r.coverage.data.listed.pairs.includes(k)).length,
  between: Object.keys(r.coverage.data.between).filter((k) => r.coverage.data.listed.between.includes(k)).length,
});

for (const profile of ['default', 'lenient'] as const) {
  test(`two explorations with one seed against one mock give the same verdicts (${profile} profile)`, async ({}, testInfo) => {
    test.setTimeout(240_000);
    const app = buildApp({ env: { MOCK_PROFILE: profile }, logLevel: 'silent', seed: 'selftest-determinism', agentDelayMs: profile === 'lenient' ? 400 : 30 });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const reports = join(REPORTS, profile); // each test its own: a world's exchange records live under it
      const config = loadConfig({ CEC_BASE_URL: url, CEC_TARGET: 'mock', CEC_AGENT_GATEWAY_URL: url, ...credentialVariables(MOCK_DEFAULTS), CEC_REPLY_TIMEOUT_MS: '10000', CEC_REPORTS_DIR: reports, CEC_SEED: 'determinism' });
      const verdicts = [];
      for (const run of [1, 2]) {
        const { world, close } = await openWorld(config, { reportsDir: reports, seed: `determinism-${run}` });
        try {
          const result = await explore(world, exploreSettings({}, {}, { runs: 4, seconds: 60, seed: 26, maxCustomers: 2, maxSteps: 15, shrinkSeconds: 0 }), 'selftest');
          verdicts.push(verdictOf(result));
        } finally {
          await close();
        }
      }
      await testInfo.attach('verdicts', { body: JSON.stringify(verdicts, null, 2), contentType: 'application/json' });
      expect(verdicts[0].ok, `a correct mock passes: ${JSON.stringify(verdicts)}`).toBe(true);
      expect(verdicts[1], 'the second run decides every rule as the first did').toEqual(verdicts[0]);
      expect(verdicts[0].pairs, 'every listed pair reached in each run').toBe(45);
      expect(verdicts[0].between, 'every listed step between a reply and a poll reached in each run').toBe(19);
    } finally {
      await app.close();
    }
  });
}
