// The exploration's world outside Playwright's test runner (npm run explore, self-tests): the suite's client over
// Playwright's request.newContext(), as global setup does, with its own exchange records under
// <reports>/explore/exchanges/, the worker-style API Fabric token, and the agent (the given Guid, or signed in).
// On a tenant the client runs under the health check's policy: throttled, timed out, transient answers retried.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { request } from '@playwright/test';
import { Agent } from '../../fixtures/agent.js';
import { fakerFor, identity } from '../../fixtures/builders.js';
import { CecClient } from '../../fixtures/client.js';
import { Customer } from '../../fixtures/customer.js';
import { FabricTokens, readIssuedToken } from '../../fixtures/tokens.js';
import { ExchangeRecorder, exchangesDir, exchangesFile } from '../../src/contract/exchange.js';
import { registerSecret } from '../../src/contract/secrets.js';
import { Contract, useContract } from '../../src/contract/contract.js';
import type { SuiteConfig } from '../../src/suite/config.js';
import { contextOptions, networkSecrets } from '../../src/suite/network.js';
import type { ExploreWorld } from './world.js';

export interface StandaloneWorld {
  world: ExploreWorld;
  /** Signs the agent out (if it signed in) and closes the HTTP context. */
  close(): Promise<void>;
}

/** The contract of each strictness, made once per process: a world opened after another reuses its validators. */
const contracts = new Map<boolean, Contract>();
const contractOf = (strict: boolean): Contract => contracts.get(strict) ?? contracts.set(strict, new Contract({ strict })).get(strict)!;

export async function openWorld(configIn: SuiteConfig, args: { reportsDir: string; seed: string }): Promise<StandaloneWorld> {
  // Gentle with a real tenant, like the health check (src/suite/resilience.ts): the client applies the policy when
  // the configuration says `health`.
  const config: SuiteConfig = configIn.target === 'tenant' ? { ...configIn, health: true } : configIn;
  registerSecret(config.appSecret);
  registerSecret(config.agent?.password);
  registerSecret(config.agent?.guid);
  // Validators compile on first use, each once: the exploration pays only for the operations it calls.
  useContract(contractOf(config.strict));
  const base = join(args.reportsDir, 'explore');
  rmSync(exchangesDir(base), { recursive: true, force: true });
  const recorder = new ExchangeRecorder({
    test: { file: 'npm run explore', title: 'exploration', titlePath: ['exploration'], project: 'explore', tags: ['@explore'], retry: 0 },
    workerIndex: 0, pid: process.pid,
  }, exchangesFile(base, 0));
  for (const secret of networkSecrets(config.network)) registerSecret(secret);
  const context = await request.newContext(contextOptions(config.network, [config.baseUrl, config.agent?.gatewayUrl]));
  const tokens = new FabricTokens(async (rec) => readIssuedToken(await new CecClient({ request: context, config, recorder: rec ?? recorder, tokens: null }).tokenByAkSk()));
  // The answer checks run on every answer; the exploration reads each one's observations itself (observationsOf).
  const api = new CecClient({ request: context, config, recorder, tokens, observe: () => undefined });
  let agent: Agent | undefined;
  if (config.agent) {
    agent = config.agent.guid ? Agent.withGuid(api, config, fakerFor(args.seed, 'agent')) : await Agent.signIn(api, config, fakerFor(args.seed, 'agent'));
  }
  const world: ExploreWorld = {
    api, config, agent, replyTimeoutMs: config.replyTimeoutMs,
    newCustomer: (key) => Customer.create(api, config, identity(fakerFor(args.seed, key)), config.replyTimeoutMs),
    requests: () => recorder.records.length,
  };
  return {
    world,
    close: async () => {
      if (agent?.signedIn) await agent.signOut().catch(() => undefined);
      await context.dispose();
    },
  };
}
