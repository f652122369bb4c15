// The exploration inside Playwright: an `explore` fixture over the suite's own fixtures (the typed client, the
// configuration, the agent and its lock), used by tests/explore/ and by the repro files the exploration writes.
// Its observations go through the test's verdicts (fixtures/verdicts.ts), like any test's: each warning once, with
// how often the exploration met it; a failure fails the test with its rule, and its repro file is written and
// attached.
import { readFileSync } from 'node:fs';
import { fakerFor, identity } from '../../fixtures/builders.js';
import { Customer } from '../../fixtures/customer.js';
import { test as base, type Agent } from '../../fixtures/index.js';
import type { Verdicts as TestVerdicts } from '../../fixtures/verdicts.js';
import type { Observation } from '../../src/contract/findings.js';
import { maskText } from '../../src/contract/secrets.js';
import { statesDir, summarizeExploreCoverage } from './coverage.js';
import { writeRepro } from './repro.js';
import { explore, replay, type ExploreResult } from './runner.js';
import type { ExploreSettings } from './settings.js';
import type { Step } from './steps.js';
import { summaryLines } from './summary.js';
import { ExplorationFailure, Verdicts, type Seen } from './verdict.js';
import type { ExploreWorld } from './world.js';

export interface ExploreFixture {
  /** Explores within `settings`; fails the test (with a repro file attached) when a refuse rule breaks. */
  run(settings: ExploreSettings): Promise<ExploreResult>;
  /** Replays a repro's steps; fails the test on the rule it breaks. */
  replay(args: { customers: number; steps: readonly Step[] }): Promise<void>;
}

/** The exploration's warnings, each once, as the test's observations. */
function recordWarnings(v: TestVerdicts, warnings: readonly Seen[]): void {
  for (const { observation, count } of warnings) v.record(count > 1 ? { ...observation, message: `${observation.message} (${count}× in the exploration)` } : observation);
}

/** The exploration's failure as the test's: a broken rule's observation recorded, the failure thrown on. */
function failWith(v: TestVerdicts, failure: { message: string; observation?: Observation }, more = ''): never {
  if (failure.observation) v.record(failure.observation, { soft: false });
  throw new Error(`${failure.message}${more}`);
}

export const exploreTest = base.extend<{ explore: ExploreFixture }>({
  explore: async ({ api, config, agents, exchanges, replyTimeoutMs, verdicts: v }, use, testInfo) => {
    // The exploration reads each answer's observations itself (observationsOf), at the step that asked, and keeps
    // one per signature: the test's verdicts get them once, at the end.
    const client = api.observing(() => undefined);
    let agent: Agent | undefined;
    const world = async (): Promise<ExploreWorld> => {
      if (config.agent && !agent) agent = (await agents.agent()).over(client);
      return {
        api: client, config, agent, replyTimeoutMs,
        newCustomer: (key) => Customer.create(client, config, identity(fakerFor(config.seed, `${testInfo.titlePath.join(' › ')}#${key}`)), replyTimeoutMs),
        requests: () => exchanges.records.length,
      };
    };
    await use({
      run: async (settings) => {
        const result = await explore(await world(), settings, 'conformance');
        result.coverage.write(statesDir(config.reportsDir));
        recordWarnings(v, result.warnings);
        v.hold(...result.held);
        const summary = summaryLines(result, summarizeExploreCoverage(result.coverage.data)).join('\n');
        await testInfo.attach('exploration', { body: maskText(summary), contentType: 'text/plain' });
        const failure = result.failure;
        if (failure) {
          const file = writeRepro(config.reportsDir, failure, { target: maskText(config.baseUrl) });
          await testInfo.attach('repro', { body: readFileSync(file, 'utf8'), contentType: 'text/plain' });
          const more = `\n(exploration seed ${failure.seed}, ${failure.steps.length} steps; repro ${file})`;
          failWith(v, failure, more);
        }
        return result;
      },
      replay: async (args) => {
        const verdicts = new Verdicts(config.strict);
        try {
          await replay(await world(), args, verdicts);
        } catch (e) {
          if (e instanceof ExplorationFailure) failWith(v, e);
          throw e;
        } finally {
          recordWarnings(v, verdicts.warnings);
        }
      },
    });
  },
});
