// The exploration inside Playwright: an `explore` fixture over the suite's own fixtures (the typed client, the
// configuration, the agent and its lock), used by tests/explore/ and by the repro files the exploration writes.
// Warnings become `warning` annotations and `cec-observation` attachments; a failure writes the repro file, attaches
// it and fails the test.
import { readFileSync } from 'node:fs';
import type { TestInfo } from '@playwright/test';
import { fakerFor, identity } from '../../../fixtures/builders.js';
import { Customer } from '../../../fixtures/customer.js';
import { test as base, type Agent } from '../../../fixtures/index.js';
import { maskText } from '../../contract/secrets.js';
import { statesDir, summarizeExploreCoverage } from './coverage.js';
import { writeRepro } from './repro.js';
import { explore, replay, type ExploreResult } from './runner.js';
import type { ExploreSettings } from './settings.js';
import type { Step } from './steps.js';
import { summaryLines } from './summary.js';
import { Verdicts, type Observation } from './verdict.js';
import type { ExploreWorld } from './world.js';

export interface ExploreFixture {
  /** Explores within `settings`; fails the test (with a repro file attached) on a refuse-level violation. */
  run(settings: ExploreSettings): Promise<ExploreResult>;
  /** Replays a repro's steps; fails the test on the violation it meets. */
  replay(args: { customers: number; steps: readonly Step[] }): Promise<void>;
}

async function report(testInfo: TestInfo, warnings: Observation[]): Promise<void> {
  for (const w of warnings) {
    testInfo.annotations.push({ type: 'warning', description: `${w.signature}: ${w.message}${w.count > 1 ? ` (${w.count}×)` : ''}` });
    await testInfo.attach('cec-observation', { body: JSON.stringify(w), contentType: 'application/json' });
  }
}

export const exploreTest = base.extend<{ explore: ExploreFixture }>({
  explore: async ({ api, config, agents, exchanges, replyTimeoutMs }, use, testInfo) => {
    let agent: Agent | undefined;
    const world = async (): Promise<ExploreWorld> => {
      if (config.agent && !agent) agent = await agents.agent();
      return {
        api, config, agent, replyTimeoutMs,
        newCustomer: (key) => Customer.create(api, config, identity(fakerFor(config.seed, `${testInfo.titlePath.join(' › ')}#${key}`)), replyTimeoutMs),
        requests: () => exchanges.records.length,
      };
    };
    await use({
      run: async (settings) => {
        const result = await explore(await world(), settings, 'conformance');
        result.coverage.write(statesDir(config.reportsDir));
        await report(testInfo, result.warnings);
        const summary = summaryLines(result, summarizeExploreCoverage(result.coverage.data)).join('\n');
        await testInfo.attach('exploration', { body: maskText(summary), contentType: 'text/plain' });
        if (result.failure) {
          const file = writeRepro(config.reportsDir, result.failure, { target: maskText(config.baseUrl) });
          await testInfo.attach('repro', { body: readFileSync(file, 'utf8'), contentType: 'text/plain' });
          throw new Error(`The exploration broke a documented rule (seed ${result.failure.seed}; repro ${file}):\n${result.failure.message}`);
        }
        return result;
      },
      replay: async (args) => {
        const verdicts = new Verdicts();
        try {
          await replay(await world(), args, verdicts);
        } finally {
          await report(testInfo, [...verdicts.warnings.values()]);
        }
      },
    });
  },
});
