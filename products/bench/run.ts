// Runs one scenario of the suite benchmark and computes its figures: starts what the tenant needs (a mock behind a
// proxy, a broken tenant), spawns the run (the conformance suite through bench/playwright.config.ts, or
// products/health/health.cli.ts) with its own reports under <reports>/bench-suite/<scenario>/, watches the embedded mock's port,
// stops the run at its deadline, then measures the mock's start-up on its own (embedded mock) and replays the recorded
// requests without Playwright (against a fresh mock like the embedded one, or the same broken tenant).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { maskText } from '../../src/contract/secrets.js';
import { childEnv } from '../../src/suite/child-env.js';
import { credentialVariables, MOCK_DEFAULTS } from '../../mock/credentials.js';
import { spawnMock, type SpawnedMock } from '../../mock/spawn.js';
import { spawnMutant } from '../mutation/spawn.js';
import { startBrokenTenant, type BrokenTenant } from './broken-tenants.js';
import { freePort, runChild, whenListening } from './child.js';
import { computeFigures, type RunFigures } from './figures.js';
import { readRun, telling, type MeasuredBeside } from './run-dir.js';
import { replay } from './replay.js';
import { DEFAULT_PICKUP_MS, dirOf, type Scenario } from './scenarios.js';

const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');
/** The suite's default worker count (playwright.config.ts): the replay's concurrency when the run does not say. */
const DEFAULT_WORKERS = 2;

export interface BenchOptions {
  root: string;
  /** <reports>/bench-suite/<scenario>/ holds each run's reports. */
  reportsDir: string;
  seed: string;
  /** Overrides every scenario's deadline. */
  deadlineS?: number;
  /** Only the conformance tests whose title matches (Playwright's --grep); health runs are the @health subset. */
  grep?: string;
  /** A mutant of the catalogue (products/mutation/) for every mock of the run (MOCK_MUTATION). */
  mutation?: string;
  /** Skip the replay and the separate mock start-up measurement. */
  quick?: boolean;
  log?: (line: string) => void;
}

/** `npm run mock` (the embedded mock's server as its own process; `mock:mutant` for a mutant) until its port accepts: the mock's
 *  start-up on its own. */
export async function timeMockStart(root: string, mockEnv: Record<string, string>): Promise<number> {
  const port = await freePort();
  const t0 = Date.now();
  const child = spawn('npm', ['run', '--silent', mockEnv.MOCK_MUTATION ? 'mock:mutant' : 'mock'], { cwd: root, env: { ...childEnv(process.env, ['BENCH_']), ...mockEnv, MOCK_PORT: String(port), MOCK_ADMIN: '1' }, detached: true, stdio: 'ignore' });
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const deadline = t0 + 60_000;
  const at = await whenListening(port, () => exited || Date.now() > deadline);
  try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
  const killer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
  await gone;
  clearTimeout(killer);
  if (at === undefined) throw new Error('npm run mock did not listen within 60 s');
  return at - t0;
}

/** A mock on a free port with the scenario's MOCK_* settings (a mutant when they name one) and the default credentials. */
function startMock(mockEnv: Record<string, string>, label: string): Promise<SpawnedMock> {
  const { MOCK_MUTATION: mutation, ...rest } = mockEnv;
  const options = { env: { PATH: process.env.PATH, ...rest, ...credentialVariables(MOCK_DEFAULTS), MOCK_PORT: '0', MOCK_HOST: '127.0.0.1', MOCK_ADMIN: '1', MOCK_LOG_LEVEL: 'error' }, label };
  return mutation ? spawnMutant(mutation, options) : spawnMock(options);
}

export async function runScenario(scenario: Scenario, options: BenchOptions): Promise<RunFigures> {
  const { root, seed, log = () => undefined } = options;
  const runDir = join(options.reportsDir, 'bench-suite', dirOf(scenario));
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const creds = MOCK_DEFAULTS;
  const deadlineMs = (options.deadlineS ?? scenario.deadlineS) * 1000;
  const pickupMs = Number(scenario.mockEnv.MOCK_AGENT_DELAY_MS);
  if (options.mutation) scenario = { ...scenario, mockEnv: { ...scenario.mockEnv, MOCK_MUTATION: options.mutation } };

  let upstream: SpawnedMock | undefined;
  let tenant: BrokenTenant | undefined;
  let mockPort: number | undefined;
  const env: NodeJS.ProcessEnv = { ...childEnv(process.env, ['BENCH_']), FORCE_COLOR: '0', CEC_SEED: seed, CEC_REPORTS_DIR: runDir, BENCH_RUN_DIR: runDir };
  try {
    if (scenario.tenant === 'embedded') {
      mockPort = await freePort();
      Object.assign(env, scenario.mockEnv, { MOCK_PORT: String(mockPort) });
    } else {
      const proxied = scenario.tenant === 'text-plain' || scenario.tenant === 'ccmessaging-503' || scenario.tenant === 'slow';
      if (proxied) {
        upstream = await startMock(scenario.mockEnv, `the mock behind ${scenario.tenant}`);
      }
      tenant = await startBrokenTenant(scenario.tenant, { upstream: upstream?.url });
      Object.assign(env, credentialVariables(creds), {
        CEC_BASE_URL: tenant.url,
        CEC_AGENT_GATEWAY_URL: tenant.url,
        // Behind the relabelling proxy is the mock (its admin endpoint too): every test runs, as against the mock.
        CEC_TARGET: scenario.tenant === 'text-plain' ? 'mock' : 'tenant',
        CEC_ALLOW_SIDE_EFFECTS: '1',
        CEC_TEST_PHONE: creds.agentPhone,
      });
    }
    const args = scenario.command === 'conformance'
      ? [PLAYWRIGHT_CLI, 'test', '-c', join(root, 'products', 'bench', 'playwright.config.ts'), ...(options.grep ? ['--grep', options.grep] : [])]
      : ['--import', 'tsx', join(root, 'products', 'health', 'health.cli.ts')];
    log(`${scenario.name}: ${scenario.what}${tenant ? ` at ${tenant.url}` : ''} (deadline ${deadlineMs / 1000} s)`);
    let done = false;
    const mockReady = mockPort !== undefined ? whenListening(mockPort, () => done) : Promise.resolve(undefined);
    const run = await runChild({ args, cwd: root, env, deadlineMs, logFile: join(runDir, 'output.log'), quietPattern: /^CEC conformance suite$|^ {2}\S/ });
    done = true;
    const mockReadyAt = await mockReady;

    const left = readRun(runDir, scenario.command);
    const workers = (left.timing.find((e) => e.e === 'begin') as { workers?: number } | undefined)?.workers ?? DEFAULT_WORKERS;

    let mockStartMs: number | undefined;
    let replayed: Awaited<ReturnType<typeof replay>> | undefined;
    if (!options.quick && scenario.tenant === 'embedded') mockStartMs = await timeMockStart(root, scenario.mockEnv);
    if (!options.quick && left.records.length) {
      // The same requests without Playwright: against a fresh mock like the embedded one, or the same broken tenant.
      const mock = scenario.tenant === 'embedded'
        ? await startMock(scenario.mockEnv, 'the replay mock')
        : undefined;
      try {
        replayed = await replay(left.records, { baseUrl: mock?.url ?? tenant!.url, credentials: creds, concurrency: workers });
      } finally {
        await mock?.stop();
      }
    }
    const measured: MeasuredBeside = {
      scenario: scenario.name,
      command: scenario.command,
      tenant: scenario.tenant === 'embedded' ? `embedded mock${pickupMs !== DEFAULT_PICKUP_MS ? ` (pickup ${pickupMs} ms)` : ''}` : scenario.tenant,
      pickupMs: scenario.tenant === 'embedded' || upstream ? pickupMs : 0,
      run: {
        exitCode: run.exitCode, ...(run.signal ? { signal: run.signal } : {}), startedAt: run.startedAt, wallMs: run.wallMs, output: maskText(telling(run.output)),
        ...(run.killedAtS !== undefined ? { killedAtS: run.killedAtS } : {}), ...(run.firstOutputMs !== undefined ? { firstOutputMs: run.firstOutputMs } : {}),
      },
      ...(mockReadyAt !== undefined ? { mockReadyAt } : {}),
      ...(mockStartMs !== undefined ? { mockStartMs } : {}),
      ...(replayed ? { replay: replayed } : {}),
    };
    writeFileSync(join(runDir, 'run.json'), `${JSON.stringify(measured, null, 2)}\n`);
    return computeFigures({ ...measured, ...left });
  } finally {
    await tenant?.stop();
    await upstream?.stop();
  }
}
