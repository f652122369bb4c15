// src/config.ts: every misconfiguration is one ConfigError naming the variable and what to do; good settings load.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { ConfigError, grepsHealth, loadConfig as load, type Env } from '../../src/suite/config.js';
import { MOCK_DEFAULTS } from '../../mock/credentials.js';
import { withEmbeddedMockCredentials } from '../../products/embedded-mock/credentials.js';

/** As the composition root calls it: the embedded mock's credentials filled in when there is no CEC_BASE_URL. */
const loadConfig = (env: Env, now?: () => number) => load(withEmbeddedMockCredentials(env), now);

const TENANT: Env = {
  CEC_BASE_URL: 'https://service.example.com',
  CEC_APP_KEY: 'ak-123',
  CEC_APP_SECRET: 'sk-456',
  CEC_CHANNEL_CONFIG_ID: '1011577355744904195',
};
const AGENT: Env = { CEC_AGENT_GATEWAY_URL: 'https://gw.example.com:8043', CEC_AGENT_ID: '1001' };

/** The ConfigError loadConfig throws for env (fails the test when it does not throw one). */
function configError(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

test.describe('loadConfig: good settings', () => {
  test('no CEC_BASE_URL: the embedded mock with its default credentials', () => {
    const c = loadConfig({}, () => 1234);
    expect(c).toMatchObject({ target: 'mock', embeddedMock: true, baseUrl: 'http://127.0.0.1:3180', appKey: MOCK_DEFAULTS.appKey, appSecret: MOCK_DEFAULTS.appSecret, channelConfigId: MOCK_DEFAULTS.channelConfigId, allowSideEffects: true, seed: '1234', seedFromEnv: false });
    expect(c.agent).toEqual({ gatewayUrl: 'http://127.0.0.1:3180', agentId: MOCK_DEFAULTS.agentId, guid: MOCK_DEFAULTS.agentGuid, password: MOCK_DEFAULTS.agentPassword, phone: MOCK_DEFAULTS.agentPhone });
  });

  test('MOCK_PORT moves the embedded mock', () => {
    expect(loadConfig({ MOCK_PORT: '4100' }).baseUrl).toBe('http://127.0.0.1:4100');
  });

  test('a tenant without agent settings: agent steps skipped with a reason, no side effects', () => {
    const c = loadConfig({ ...TENANT, CEC_BASE_URL: 'https://service.example.com/' });
    expect(c).toMatchObject({ target: 'tenant', embeddedMock: false, baseUrl: 'https://service.example.com', allowSideEffects: false });
    expect(c.agent).toBeUndefined();
    expect(c.agentSkipReason).toContain('CEC_AGENT_GATEWAY_URL');
  });

  test('a tenant with a Guid, a password, or both', () => {
    expect(loadConfig({ ...TENANT, ...AGENT, CEC_AGENT_GUID: 'g-1' }).agent).toMatchObject({ agentId: '1001', guid: 'g-1' });
    expect(loadConfig({ ...TENANT, ...AGENT, CEC_AGENT_PASSWORD: 'pw', CEC_AGENT_PHONE: '88880001' }).agent).toMatchObject({ password: 'pw', phone: '88880001' });
    expect(loadConfig({ ...TENANT, ...AGENT, CEC_AGENT_GUID: 'g-1', CEC_AGENT_PASSWORD: 'pw', CEC_AGENT_PHONE: '1' }).agent).toMatchObject({ guid: 'g-1', password: 'pw' });
  });

  test('flags, seed, target and deadlines', () => {
    const c = loadConfig({ ...TENANT, CEC_ALLOW_SIDE_EFFECTS: '1', CEC_INSECURE_TLS: 'true', CEC_STRICT: '1', CEC_SEED: 'abc', CEC_REPLY_TIMEOUT_MS: '20000', CEC_TEST_TIMEOUT_MS: '120000', CEC_TEST_PHONE: '+4915112345678' });
    expect(c).toMatchObject({ allowSideEffects: true, insecureTls: true, strict: true, seed: 'abc', seedFromEnv: true, replyTimeoutMs: 20000, testTimeoutMs: 120000, testPhone: '+4915112345678' });
    expect(loadConfig({ ...TENANT, CEC_TARGET: 'mock' })).toMatchObject({ target: 'mock', allowSideEffects: true, embeddedMock: false });
  });

  test('CEC_REPORTS_DIR: relative to the project root, reports/ by default', () => {
    expect(loadConfig({}).reportsDir).toMatch(/[/\\]reports$/);
    expect(loadConfig({ CEC_REPORTS_DIR: 'out/run-1' }).reportsDir).toMatch(/[/\\]out[/\\]run-1$/);
    expect(loadConfig({ CEC_REPORTS_DIR: '/tmp/x' }).reportsDir).toBe('/tmp/x');
  });

  test('empty values count as unset (a copied .env.example)', () => {
    expect(loadConfig({ CEC_BASE_URL: '', CEC_APP_KEY: ' ', CEC_AGENT_ID: '' }).target).toBe('mock');
  });

  test('the default seed derives from the time', () => {
    expect(loadConfig({}, () => 42).seed).toBe('42');
    expect(loadConfig({}, () => 43).seed).toBe('43');
  });
});

test.describe('loadConfig: each misconfiguration is one clear error', () => {
  const cases: Array<{ name: string; env: Env; variable: RegExp; says: RegExp }> = [
    { name: 'CEC_BASE_URL without AK/SK and channel', env: { CEC_BASE_URL: 'https://service.example.com' }, variable: /CEC_APP_KEY, CEC_APP_SECRET, CEC_CHANNEL_CONFIG_ID/, says: /required because CEC_BASE_URL is set/ },
    { name: 'CEC_BASE_URL without the channel only', env: { ...TENANT, CEC_CHANNEL_CONFIG_ID: undefined }, variable: /^CEC_CHANNEL_CONFIG_ID$/, says: /required because CEC_BASE_URL is set/ },
    { name: 'a malformed CEC_BASE_URL', env: { ...TENANT, CEC_BASE_URL: 'service.example.com' }, variable: /^CEC_BASE_URL$/, says: /is not a URL/ },
    { name: 'a CEC_BASE_URL of another scheme', env: { ...TENANT, CEC_BASE_URL: 'ftp://service.example.com' }, variable: /^CEC_BASE_URL$/, says: /http:\/\/ or https:\/\// },
    { name: 'a CEC_BASE_URL with a query', env: { ...TENANT, CEC_BASE_URL: 'https://service.example.com/?x=1' }, variable: /^CEC_BASE_URL$/, says: /plain base URL/ },
    { name: 'CEC_AGENT_ID without a Guid or a password', env: { ...TENANT, ...AGENT }, variable: /CEC_AGENT_GUID or CEC_AGENT_PASSWORD/, says: /one is required/ },
    { name: 'CEC_AGENT_ID without the gateway', env: { ...TENANT, CEC_AGENT_ID: '1001', CEC_AGENT_GUID: 'g' }, variable: /^CEC_AGENT_GATEWAY_URL$/, says: /required for the agent steps/ },
    { name: 'the gateway without CEC_AGENT_ID', env: { ...TENANT, CEC_AGENT_GATEWAY_URL: 'https://gw.example.com', CEC_AGENT_GUID: 'g' }, variable: /^CEC_AGENT_ID$/, says: /required because/ },
    { name: 'a malformed gateway URL', env: { ...TENANT, ...AGENT, CEC_AGENT_GATEWAY_URL: 'gw:8043:x', CEC_AGENT_GUID: 'g' }, variable: /^CEC_AGENT_GATEWAY_URL$/, says: /http/ },
    { name: 'a password without a phone', env: { ...TENANT, ...AGENT, CEC_AGENT_PASSWORD: 'pw' }, variable: /^CEC_AGENT_PHONE$/, says: /required with CEC_AGENT_PASSWORD/ },
    { name: 'an agent ID that is not a number', env: { ...TENANT, ...AGENT, CEC_AGENT_ID: 'agent-7', CEC_AGENT_GUID: 'g' }, variable: /^CEC_AGENT_ID$/, says: /not an agent ID/ },
    { name: 'a gateway URL against the embedded mock', env: { CEC_AGENT_GATEWAY_URL: 'https://gw.example.com' }, variable: /^CEC_AGENT_GATEWAY_URL$/, says: /embedded mock serves the CC-Gateway/ },
    { name: 'CEC_TARGET=tenant without CEC_BASE_URL', env: { CEC_TARGET: 'tenant' }, variable: /^CEC_TARGET$/, says: /CEC_BASE_URL is unset/ },
    { name: 'an unknown CEC_TARGET', env: { ...TENANT, CEC_TARGET: 'prod' }, variable: /^CEC_TARGET$/, says: /"mock" or "tenant"/ },
    { name: 'a flag that is not a flag', env: { ...TENANT, CEC_ALLOW_SIDE_EFFECTS: 'maybe' }, variable: /^CEC_ALLOW_SIDE_EFFECTS$/, says: /not a flag/ },
    { name: 'a deadline that is not a number', env: { CEC_REPLY_TIMEOUT_MS: 'soon' }, variable: /^CEC_REPLY_TIMEOUT_MS$/, says: /positive whole number/ },
    { name: 'a test timeout shorter than two reply deadlines', env: { CEC_REPLY_TIMEOUT_MS: '30000', CEC_TEST_TIMEOUT_MS: '40000' }, variable: /^CEC_TEST_TIMEOUT_MS$/, says: /at least 60000/ },
    { name: 'a test phone that is not a number', env: { ...TENANT, CEC_TEST_PHONE: 'call me' }, variable: /^CEC_TEST_PHONE$/, says: /not a phone number/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const e = configError(c.env);
      expect(e.issues, 'exactly one issue').toHaveLength(1);
      expect(e.issues[0].variable).toMatch(c.variable);
      expect(e.issues[0].message).toMatch(c.says);
      expect(e.message).toContain(e.issues[0].variable);
      expect(e.message).toContain('Invalid suite configuration');
    });
  }

  test('several problems are still one error, listing each', () => {
    const e = configError({ CEC_BASE_URL: 'nope', CEC_ALLOW_SIDE_EFFECTS: 'perhaps' });
    expect(e.issues.map((i) => i.variable)).toEqual(['CEC_BASE_URL', 'CEC_APP_KEY, CEC_APP_SECRET, CEC_CHANNEL_CONFIG_ID', 'CEC_ALLOW_SIDE_EFFECTS']);
  });

  test('the error does not echo secrets', () => {
    const e = configError({ ...TENANT, ...AGENT, CEC_AGENT_PASSWORD: 'Sup3r-Secret-pw' });
    expect(e.message).not.toContain('Sup3r-Secret-pw');
    expect(e.message).not.toContain(TENANT.CEC_APP_SECRET!);
  });
});

test('grepsHealth: a command line selecting @health is the health check', () => {
  expect(grepsHealth(['node', 'playwright', 'test', '--grep', '@health'])).toBe(true);
  expect(grepsHealth(['test', '-g', '@health|@smoke'])).toBe(true);
  expect(grepsHealth(['test', '--grep=@health'])).toBe(true);
  expect(grepsHealth(['test', '--grep', '@smoke'])).toBe(false);
  expect(grepsHealth(['test', '--grep-invert', '@health'])).toBe(false);
  expect(grepsHealth(['test'])).toBe(false);
  expect(loadConfig({ CEC_HEALTH: '1' }).health).toBe(true);
});

test.describe('playwright.config.ts', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const clean = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CEC_') && !k.startsWith('MOCK_')));

  test('a misconfiguration stops the run at start with one clear error', () => {
    const r = spawnSync('npx', ['playwright', 'test', '--list'], { cwd: root, env: { ...clean(), CEC_BASE_URL: 'https://service.example.com', DOTENV_CONFIG_PATH: '/nonexistent' }, encoding: 'utf8' });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).not.toBe(0);
    expect(out.match(/Invalid suite configuration/g), out).toHaveLength(1);
    expect(out).toContain('CEC_APP_KEY, CEC_APP_SECRET, CEC_CHANNEL_CONFIG_ID: required because CEC_BASE_URL is set');
    expect(out, 'no test ran').not.toMatch(/passed|failed/);
  });
});
