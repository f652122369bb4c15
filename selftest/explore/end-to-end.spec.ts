// One exploration end to end against a mutant of the mock (robot-answers-after-transfer: the robot still answers once
// an agent has the session; no fixed journey shows it): the exploration finds it, shrinks it to the few steps that
// show it, writes a repro spec, and that spec fails on its own against the mutant (served by the embedded mock of the
// repro's config, as docs/exploration.md runs it) and passes against the clean mock (a configured tenant's URL).
// Its rule is guidance (no document says the robot is silent after a transfer), so everything here runs strict
// (CEC_STRICT=1), as the mutation runner explores a guidance mutant: the surprise stops the run like a failure.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../mock/app.js';
import { contract, useContract } from '../../src/contract/contract.js';
import { credentialVariables, MOCK_DEFAULTS } from '../../mock/credentials.js';
import { childEnv } from '../../src/suite/child-env.js';
import { buildMutantApp } from '../../products/mutation/app.js';
import { loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { observationOf } from '../../fixtures/verdicts.js';
import { freePort } from '../../products/bench/child.js';
import { writeRepro } from '../../products/explore/repro.js';
import { EXPLORE_RULES } from '../../products/explore/rules.js';
import { explore, minimize } from '../../products/explore/runner.js';
import { exploreSettings } from '../../products/explore/settings.js';
import { openWorld } from '../../products/explore/standalone.js';

const REPORTS = join(PROJECT_ROOT, 'reports', 'selftest-explore');
// openWorld makes a strict contract this worker's current one: the next test file in the worker gets back the one it
// had (else a later check of the default contract, the lenient profile's say, judges strictly).
const before = contract();
test.afterAll(() => {
  useContract(before);
});
const MUTANT = 'robot-answers-after-transfer';

async function mock(mutation?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const options = { env: {}, logLevel: 'silent', seed: 'selftest-explore', agentDelayMs: 30 } as const;
  const app = mutation ? buildMutantApp(mutation, options) : buildApp(options);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

const suiteEnv = (url: string): Record<string, string> => ({
  CEC_BASE_URL: url, CEC_TARGET: 'mock', CEC_AGENT_GATEWAY_URL: url, ...credentialVariables(MOCK_DEFAULTS),
  CEC_REPLY_TIMEOUT_MS: '2000', CEC_REPORTS_DIR: REPORTS, CEC_SEED: 'selftest-explore',
  CEC_STRICT: '1',
});

/**
 * Runs the repro file with Playwright (asynchronously: the mocks live in this process); its exit status and output.
 * Against `url`, or, given `embedded`, against the embedded mock its config starts (that mutant) as the docs say.
 */
function runRepro(config: string, spec: string, target: string | { embedded: string; port: number }): Promise<{ status: number | null; output: string }> {
  const targetEnv = typeof target === 'string' ? suiteEnv(target)
    : { MOCK_MUTATION: target.embedded, MOCK_PORT: String(target.port), MOCK_AGENT_DELAY_MS: '30', CEC_REPLY_TIMEOUT_MS: '2000', CEC_REPORTS_DIR: REPORTS, CEC_SEED: 'selftest-explore', CEC_STRICT: '1' };
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', config, spec], { cwd: PROJECT_ROOT, env: { ...childEnv(), ...targetEnv, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c.toString('utf8'); });
  child.stderr.on('data', (c: Buffer) => { output += c.toString('utf8'); });
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, output })));
}

test('the exploration finds a mutant only an order of steps shows, shrinks it, and its repro fails on its own', async ({}, testInfo) => {
  test.setTimeout(240_000);
  rmSync(REPORTS, { recursive: true, force: true });
  const mutant = await mock(MUTANT);
  const clean = await mock();
  try {
    const config = loadConfig(suiteEnv(mutant.url));
    // The random runs and fast-check's shrinking (the systematic plans would find it first: systematic.spec.ts).
    const settings = exploreSettings({}, {}, { runs: 200, seconds: 60, seed: 3, maxCustomers: 1, maxSteps: 8, shrinkSeconds: 30, systematic: false });
    const { world, close } = await openWorld(config, { reportsDir: REPORTS, seed: 'selftest-explore' });
    let file: string;
    try {
      const result = await explore(world, settings, 'selftest');
      expect(result.failure, 'the exploration finds the mutant').toBeDefined();
      const failure = await minimize(world, result.failure!, 30);
      await testInfo.attach('shrunk steps', { body: JSON.stringify(failure.steps, null, 2), contentType: 'application/json' });
      expect(failure.observation?.signature).toBe(observationOf(EXPLORE_RULES.robotSilent, '', true).signature);
      expect(failure.observation?.strength, 'a guidance rule, failing only because the run is strict').toBe('guidance');
      expect(failure.confirmed, 'the shrunk steps fail again on their own').toBe(true);
      // The shortest order that shows it: connect, transfer, wait for the agent, chat.
      expect(failure.steps.map((s) => s.op)).toEqual(['connect', 'transfer', 'waitAgent', 'chat']);
      file = writeRepro(REPORTS, failure, { target: 'the mock tenant', mutation: MUTANT });
    } finally {
      await close();
    }
    const cfg = join(REPORTS, 'explore', 'playwright.config.ts');
    // As docs/exploration.md runs it: no tenant configured, the config's embedded mock is the mutant.
    const embedded = await runRepro(cfg, file, { embedded: MUTANT, port: await freePort() });
    await testInfo.attach('repro against the embedded mutant', { body: embedded.output, contentType: 'text/plain' });
    expect(embedded.status, 'the repro fails against the embedded mutant').toBe(1);
    expect(embedded.output).toContain(EXPLORE_RULES.robotSilent.rule);
    const passes = await runRepro(cfg, file, clean.url);
    await testInfo.attach('repro against the clean mock', { body: passes.output, contentType: 'text/plain' });
    expect(passes.status, 'the repro passes against the clean mock').toBe(0);
  } finally {
    await Promise.all([mutant.close(), clean.close()]);
  }
});
