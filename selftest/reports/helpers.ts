// Helpers of the report, health and CI self-tests: a mock tenant served in the test's own process (on a free port,
// worker-mock.ts), the suite pointed at it, and child runs of the project's scripts with a clean environment.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { launchChromium } from '../browser.js';
import { credentialVariables, MOCK_DEFAULTS, type MockCredentials } from '../../mock/credentials.js';
import { childEnv } from '../../src/suite/child-env.js';
import { serveMockHere, type RunningMock } from './worker-mock.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the browser self-tests leave their screenshots. */
export const SCREENSHOTS = join(ROOT, 'reports', 'screenshots');
export const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');


export type Credentials = MockCredentials;

export const DEFAULT_CREDENTIALS: Credentials = { ...MOCK_DEFAULTS };

/** Distinctive secrets for the secret scans: any of them (or the marker) found in a report is a leak. */
export const SECRET_MARKER = 'MintZqMark7';
export const DISTINCT_CREDENTIALS: Credentials = {
  appKey: 'selftest-app-key', appSecret: 'AppSecretZq8f2k9x', channelConfigId: 'selftest-channel', agentId: '4321',
  agentGuid: 'AgentGuidZq5m1q7w', agentPassword: 'AgentPassZq3v6n0t', agentPhone: '88880042',
};
export const SECRET_NEEDLES: Record<string, string> = {
  CEC_APP_SECRET: DISTINCT_CREDENTIALS.appSecret,
  CEC_AGENT_GUID: DISTINCT_CREDENTIALS.agentGuid,
  CEC_AGENT_PASSWORD: DISTINCT_CREDENTIALS.agentPassword,
  MOCK_SECRET_MARKER: SECRET_MARKER,
};


export type { RunningMock };

/** Starts the mock on a free port with `env` (MOCK_* settings, MOCK_MUTATION for a mutant, CEC_* credentials) in this
 *  process; resolves once it listens. */
export function startMock(env: NodeJS.ProcessEnv = {}, credentials: Credentials = DEFAULT_CREDENTIALS): Promise<RunningMock> {
  return serveMockHere({ MOCK_PORT: '0', MOCK_HOST: '127.0.0.1', MOCK_LOG_LEVEL: 'error', MOCK_AGENT_DELAY_MS: '100', ...credentialVariables(credentials), ...env });
}

/** The suite's settings for a separately started mock at `url`. */
export function suiteEnv(url: string, credentials: Credentials = DEFAULT_CREDENTIALS): NodeJS.ProcessEnv {
  return { CEC_BASE_URL: url, CEC_TARGET: 'mock', CEC_AGENT_GATEWAY_URL: url, ...credentialVariables(credentials) };
}

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node <args>` in the project root with `env` on top of a clean environment; never rejects. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): Promise<Finished> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...childEnv(), FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** `npx tsx <script> …` without npx: node with the tsx loader. */
export const tsx = (script: string, ...args: string[]): string[] => ['--import', 'tsx', join(ROOT, script), ...args];

/** `npx playwright test …` without npx. */
export const playwrightTest = (...args: string[]): string[] => [PLAYWRIGHT_CLI, 'test', ...args];


/**
 * Headless Chromium for the tests of the describe block this is called in, opening pages from disk (file://), as a
 * downloaded CI artifact is opened: a test fails when any request of its pages leaves the disk (a page that needs a
 * server or the network). The browser is selftest/browser.ts's: there is always one, so these tests never skip.
 */
export function pagesFromDisk(): { open: (file: string, height?: number) => Promise<Page> } {
  let browser: Browser | undefined;
  const offDisk: string[] = [];
  test.beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });
  test.afterEach(() => {
    expect(offDisk.splice(0), 'requests that left file://').toEqual([]);
  });
  test.afterAll(async () => {
    await browser?.close();
  });
  return {
    open: async (file, height = 900) => {
      const page = await browser!.newPage({ viewport: { width: 1400, height } });
      page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) offDisk.push(r.url()); });
      await page.goto(pathToFileURL(file).href);
      return page;
    },
  };
}
