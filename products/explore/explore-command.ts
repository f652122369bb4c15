// `npm run explore` once its flags are read (explore.cli.ts reads them and prints the usage): the tenant guard, a mock
// of its own when no tenant is configured, the exploration, the shrunk repro and the summary (reports/explore/). The
// mock and the mutation catalogue are imported only when a mock of its own is started (a tenant's exploration, the
// mutation runner's, needs neither).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { maskText } from '../../src/contract/secrets.js';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { caEnvironment, caInEffect } from '../../src/suite/network.js';
import { guardMessage, tenantMeant } from '../../src/suite/tenant-guard.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { statesDir, summarizeExploreCoverage } from './coverage.js';
import { reproDir, writeRepro } from './repro.js';
import { explore, minimize } from './runner.js';
import { ExploreSettingsError, exploreSettings } from './settings.js';
import type { OwnMock } from './own-mock.js';
import { openWorld } from './standalone.js';
import { summaryLines } from './summary.js';

/** `npm run explore` with its flags read (explore.cli.ts): the exit code (0 passed, 1 a failure and its repro, 2 a
 *  configuration error or no tenant). */
export async function runExplore(flags: Record<string, string>): Promise<number> {
  loadDotenv({ quiet: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (flags.mock) env.CEC_TARGET = 'mock';
  // Node trusts a private CA (CEC_CA_FILE) only from a process's start: run again so, once.
  if (env.CEC_CA_FILE?.trim() && !caInEffect(env.CEC_CA_FILE.trim(), process.env.NODE_EXTRA_CA_CERTS)) {
    const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env: caEnvironment(env), stdio: 'inherit' });
    return again.status ?? 2;
  }
  let mock: OwnMock | undefined;
  const ownMock = !env.CEC_BASE_URL?.trim();
  // The tenant guard: a mock of its own only when nothing says a tenant was meant (or --mock / --mutation asks).
  const meant = ownMock && !flags.mutation ? tenantMeant(env) : [];
  if (meant.length) {
    console.error(`npm run explore: CEC_BASE_URL ${guardMessage(meant)}`);
    return 2;
  }
  if (flags.mutation && !ownMock) {
    console.error('npm run explore: --mutation starts a mock of its own; unset CEC_BASE_URL (or serve the mutant yourself: npm run mock:mutant -- --mutation=…)');
    return 2;
  }
  const catalogue = flags.mutation ? await import('../mutation/catalogue.js') : undefined;
  if (flags.mutation && !catalogue!.isMutationName(flags.mutation)) {
    console.error(`npm run explore: ${catalogue!.unknownMutation(flags.mutation)}`);
    return 2;
  }
  try {
    if (ownMock) {
      // A mock tenant of our own on a free port, with the embedded mock's credentials; its agent answers quickly.
      Object.assign(env, withEmbeddedMockCredentials({ ...env, CEC_TARGET: 'mock' }));
      const { startOwnMock } = await import('./own-mock.js');
      mock = await startOwnMock(env, flags.mutation);
      Object.assign(env, { CEC_BASE_URL: mock.url, CEC_TARGET: 'mock', CEC_AGENT_GATEWAY_URL: mock.url });
      // What the mock owes arrives within milliseconds: a short deadline keeps shrinking a lost message quick.
      env.CEC_REPLY_TIMEOUT_MS ??= '3000';
    }
    const config = loadConfig(env);
    const reportsDir = flags['reports-dir'] ? (isAbsolute(flags['reports-dir']) ? flags['reports-dir'] : resolve(PROJECT_ROOT, flags['reports-dir'])) : config.reportsDir;
    const settings = exploreSettings(env, flags);
    const target = ownMock ? `mock tenant at ${config.baseUrl}${flags.mutation ? ` (MOCK_MUTATION=${flags.mutation})` : ''}` : maskText(config.baseUrl);
    console.log(`Exploring ${target}: seed ${settings.seed}, at most ${settings.runs} runs in ${settings.seconds} s, ${settings.maxSteps} steps and ${settings.maxCustomers} customers per run${config.agent ? '' : '; no agent configured (no agent replies)'}${config.allowSideEffects ? '' : '; side effects off (CEC_ALLOW_SIDE_EFFECTS=1)'}${config.target === 'tenant' ? `; throttled to ${config.healthPolicy.maxRps} requests/s` : ''}`);
    const { world, close } = await openWorld(config, { reportsDir, seed: String(settings.seed) });
    let code = 0;
    try {
      const result = await explore(world, settings, 'cli', (line) => console.log(line));
      if (result.failure && result.failure.steps.length && !flags['no-confirm']) {
        // The repro must fail on its own: replay the shrunk steps outside fast-check, and shrink them further.
        result.failure = await minimize(world, result.failure, settings.shrinkSeconds, settings.settleMs);
      }
      result.coverage.write(statesDir(reportsDir));
      const lines = summaryLines(result, summarizeExploreCoverage(result.coverage.data));
      let repro: string | undefined;
      if (result.failure) {
        repro = writeRepro(reportsDir, result.failure, { target: ownMock ? 'the mock tenant' : maskText(config.baseUrl), mutation: flags.mutation });
        lines.push(`  repro: ${relative(process.cwd(), repro) || repro}`);
        code = 1;
      }
      mkdirSync(reproDir(reportsDir), { recursive: true });
      writeFileSync(join(reproDir(reportsDir), 'summary.json'), maskText(`${JSON.stringify({
        ok: result.ok, seed: result.seed, runs: result.runs, steps: result.steps, requests: result.requests, seconds: result.seconds,
        coverage: summarizeExploreCoverage(result.coverage.data), warnings: result.warnings,
        failure: result.failure && { ...result.failure, repro },
      }, null, 2)}\n`));
      console.log(maskText(lines.join('\n')));
    } finally {
      await close();
    }
    return code;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ExploreSettingsError) {
      console.error(`npm run explore: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await mock?.close();
  }
}

