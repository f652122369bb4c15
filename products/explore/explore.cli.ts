// npm run explore [-- --runs=N --seconds=S --seed=X --path=P --max-steps=N --max-customers=N --mutation=NAME]:
// model-based exploration of the configured tenant (or, without CEC_BASE_URL, of a mock tenant it starts on a free
// port): random sequences of every customer operation and the agent's reply, over 1-3 customers, with two requests
// of one customer at once now and then, checked against the model of the documents after every step.
// Prints a summary (runs, steps, requests, states and transitions reached, warnings). Exit 0 when nothing broke a
// refuse-level rule; 1 with the shrunk sequence and the path of a ready-to-run repro spec; 2 on a usage or
// configuration error, or when the tenant cannot be reached.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { isMutationName, unknownMutation } from '../mutation/catalogue.js';
import { maskText } from '../../src/contract/secrets.js';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { caEnvironment, caInEffect } from '../../src/suite/network.js';
import { guardMessage, tenantMeant } from '../../src/suite/tenant-guard.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { statesDir, summarizeExploreCoverage } from './coverage.js';
import { reproDir, writeRepro } from './repro.js';
import { explore, minimize } from './runner.js';
import { ExploreSettingsError, exploreSettings } from './settings.js';
import { startOwnMock, type OwnMock } from './own-mock.js';
import { openWorld } from './standalone.js';
import { summaryLines } from './summary.js';

const STRINGS = ['runs', 'seconds', 'seed', 'path', 'max-steps', 'max-customers', 'shrink-seconds', 'settle-ms', 'systematic', 'mutation', 'reports-dir'] as const;

function usage(): string {
  return `Usage: npm run explore -- [--runs=N] [--seconds=S] [--seed=X] [--path=P] [--max-steps=N] [--max-customers=1..3]
                           [--shrink-seconds=S] [--settle-ms=MS] [--systematic=0|1] [--mutation=NAME] [--mock]
                           [--reports-dir=DIR] [--no-confirm]
Variables: CEC_EXPLORE_RUNS (100), CEC_EXPLORE_SECONDS (60), CEC_EXPLORE_SEED (CEC_SEED, else the time),
CEC_EXPLORE_MAX_STEPS (30), CEC_EXPLORE_MAX_CUSTOMERS (3), CEC_EXPLORE_SHRINK_SECONDS (120), CEC_EXPLORE_SETTLE_MS,
CEC_EXPLORE_SYSTEMATIC (1: every pair at once and every step between an agent reply and a poll, before the random runs),
and the suite's CEC_* settings (docs/configuration.md). --mutation starts the mock with MOCK_MUTATION (no CEC_BASE_URL).
Without CEC_BASE_URL it explores a mock of its own, unless a tenant was meant (CI, a tenant variable: the tenant
guard, exit 2); --mock (or CEC_TARGET=mock) asks for the mock on purpose. -h, --help: this text, nothing run.`;
}

/** The flags as the settings read them (a switch is "true"); throws ExploreSettingsError on a usage error. */
function parseFlags(argv: string[]): Record<string, string> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(STRINGS.map((n) => [n, { type: 'string' as const }])),
        'no-confirm': { type: 'boolean' }, mock: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => [k, String(v)]));
  } catch (e) {
    throw new ExploreSettingsError(`${(e as Error).message}\n${usage()}`);
  }
}

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let flags: Record<string, string>;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (e) {
    console.error(`npm run explore: ${(e as Error).message}`);
    return 2;
  }
  if (flags.help) {
    console.log(usage());
    return 0;
  }
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
  if (flags.mutation && !isMutationName(flags.mutation)) {
    console.error(`npm run explore: ${unknownMutation(flags.mutation)}`);
    return 2;
  }
  try {
    if (ownMock) {
      // A mock tenant of our own on a free port, with the embedded mock's credentials; its agent answers quickly.
      Object.assign(env, withEmbeddedMockCredentials({ ...env, CEC_TARGET: 'mock' }));
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

process.exitCode = await main();
