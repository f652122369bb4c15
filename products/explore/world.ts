// What an exploration runs against: the suite's typed client and configuration, the agent (when configured), and a
// way to make customers. The Playwright spec builds it from the suite's fixtures (products/explore/playwright.ts),
// the CLI from Playwright's request.newContext() like global setup does (products/explore/explore.cli.ts).
import type { Agent } from '../../fixtures/agent.js';
import type { CecClient } from '../../fixtures/client.js';
import type { Customer } from '../../fixtures/customer.js';
import type { Scheduler } from 'fast-check';
import type { SuiteConfig } from '../../src/suite/config.js';

export interface ExploreWorld {
  api: CecClient;
  config: SuiteConfig;
  /** The agent on the CC-Gateway; undefined: no agent steps. */
  agent?: Agent;
  /** How long to wait for what the tenant owes (CEC_REPLY_TIMEOUT_MS). */
  replyTimeoutMs: number;
  /** A new customer with its own identity and ccmessaging-token; `key` makes the identity (same key, same customer). */
  newCustomer(key: string): Promise<Customer>;
  /** Requests sent so far (for the summary). */
  requests(): number;
}

/** One run's real side: the world and the run's customers. */
export interface RunReal {
  world: ExploreWorld;
  customers: Customer[];
  /** fast-check's scheduler of a generated run (fc.scheduler): decides which request of a pair leaves first, so both
   *  orders of every pair are explored and a failing order is reported and replayed with the seed. Absent in a
   *  replay: the first request leaves first. */
  scheduler?: Scheduler;
}
