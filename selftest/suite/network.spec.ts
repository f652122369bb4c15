// The network settings (src/suite/network.ts) with real parts: a forward proxy that counts what passed through it, and
// the mock tenant over TLS with a CA of this test's own, asking for a client certificate. A run passes with the
// settings; without each one it stops (exit 2) with a message that names the setting.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMock, suiteEnv, runNode, tsx, type Finished, type RunningMock } from '../reports/helpers.js';
import { ConfigError, loadConfig } from '../../src/suite/config.js';
import { bypassOf, contextOptions, readNetwork } from '../../src/suite/network.js';
import type { ConfigIssue } from '../../src/suite/config.js';
import { makePki, startCountingProxy, startMutualTlsMock, type Pki } from './network-parts.js';

const PASSPHRASE = 'ClientKeyPassZq4w8';
/** One quick test of the suite: applyToken's contract (its global setup probes the tenant and applies for a token). */
const ONE = ['--grep', 'applyToken issues a ccmessaging-token for a customer', '--no-deps'];

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cec-network-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conformance = (name: string, env: NodeJS.ProcessEnv): Promise<Finished> =>
  runNode(tsx('products/conformance/conformance.cli.ts', ...ONE, `--output=${join(dir, name, 'test-results')}`), { CEC_REPORTS_DIR: join(dir, name), CEC_SEED: '2', ...env }, 240_000);

/** Every file under `root`, as text (to look for a secret). */
function allText(root: string): string {
  return readdirSync(root, { recursive: true }).map(String).map((f) => join(root, f)).filter((f) => statSync(f).isFile()).map((f) => readFileSync(f).toString('latin1')).join('\n');
}

test.describe('a forward proxy (HTTP_PROXY / HTTPS_PROXY, NO_PROXY)', () => {
  test.describe.configure({ timeout: 300_000 });
  let mock: RunningMock;
  test.beforeAll(async () => { mock = await startMock(); });
  test.afterAll(async () => { await mock?.stop(); });

  test('a tenant reachable only through the proxy: the run passes through it (requests counted); without HTTP_PROXY it stops naming HTTP_PROXY', async () => {
    const port = new URL(mock.url).port;
    const proxy = await startCountingProxy({ 'tenant.invalid': '127.0.0.1' });
    try {
      const tenant = `http://tenant.invalid:${port}`;
      const through = await conformance('proxied', { ...suiteEnv(tenant), HTTP_PROXY: proxy.url });
      expect(through.status, `${through.stdout}\n${through.stderr}`).toBe(0);
      expect(through.stderr).toContain(`network: proxy ${proxy.url} (HTTP_PROXY`);
      expect(proxy.count()).toBeGreaterThan(0);

      const before = proxy.count();
      const direct = await conformance('unproxied', suiteEnv(tenant));
      expect(direct.status, `${direct.stdout}\n${direct.stderr}`).toBe(2);
      expect(`${direct.stdout}${direct.stderr}`).toMatch(/tenant unreachable at URL: http:\/\/tenant\.invalid:\d+ .*no proxy is set: .*set HTTP_PROXY/);
      expect(proxy.count()).toBe(before);

      // NO_PROXY names the host: the proxy is not used for it (and loopback never is).
      const bypassed = await conformance('bypassed', { ...suiteEnv(tenant), HTTP_PROXY: proxy.url, NO_PROXY: 'tenant.invalid' });
      expect(bypassed.status).toBe(2);
      expect(proxy.count()).toBe(before);
    } finally {
      await proxy.stop();
    }
  });
});

test.describe('a private CA and a required client certificate (CEC_CA_FILE, CEC_CLIENT_CERT / CEC_CLIENT_KEY)', () => {
  test.describe.configure({ timeout: 300_000 });
  let pki: Pki;
  let tenant: { url: string; stop: () => Promise<void> };
  test.beforeAll(async () => {
    pki = await makePki(dir, PASSPHRASE);
    tenant = await startMutualTlsMock(pki);
  });
  test.afterAll(async () => { await tenant?.stop(); });

  const settings = (): NodeJS.ProcessEnv => ({ CEC_CA_FILE: pki.caFile, CEC_CLIENT_CERT: pki.clientCertFile, CEC_CLIENT_KEY: pki.clientKeyFile, CEC_CLIENT_PASSPHRASE: PASSPHRASE });

  test('with the CA and the client certificate the run passes; the passphrase is nowhere in the reports', async () => {
    const r = await conformance('mtls', { ...suiteEnv(tenant.url), ...settings() });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('1 passed');
    expect(r.stderr).toContain('client certificate');
    expect(`${r.stdout}${r.stderr}`).not.toContain(PASSPHRASE);
    expect(allText(join(dir, 'mtls'))).not.toContain(PASSPHRASE);
  });

  test('without CEC_CA_FILE: exit 2, "the tenant\'s certificate is not trusted — set CEC_CA_FILE"', async () => {
    const { CEC_CA_FILE: _, ...rest } = settings();
    const r = await conformance('no-ca', { ...suiteEnv(tenant.url), ...rest });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toContain("TLS: the tenant's certificate is not trusted — set CEC_CA_FILE");
  });

  test('without the client certificate: exit 2, "the tenant requires a client certificate — set CEC_CLIENT_CERT"', async () => {
    const r = await conformance('no-client-cert', { ...suiteEnv(tenant.url), CEC_CA_FILE: pki.caFile });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toContain('TLS: the tenant requires a client certificate — set CEC_CLIENT_CERT and CEC_CLIENT_KEY');
  });

  test('npx playwright test with CEC_CA_FILE but without NODE_EXTRA_CA_CERTS: a configuration error that says how to start it', () => {
    expect(() => loadConfig({ ...suiteEnv(tenant.url), CEC_CA_FILE: pki.caFile })).toThrow(/CEC_CA_FILE: .*NODE_EXTRA_CA_CERTS/);
    expect(loadConfig({ ...suiteEnv(tenant.url), CEC_CA_FILE: pki.caFile, NODE_EXTRA_CA_CERTS: pki.caFile }).network.caFile).toBe(pki.caFile);
  });
});

test.describe('the settings, checked when the configuration loads', () => {
  const issuesOf = (env: NodeJS.ProcessEnv, base = 'https://tenant.example.com'): ConfigIssue[] => {
    const issues: ConfigIssue[] = [];
    readNetwork(env, base, issues, false);
    return issues;
  };

  test('missing files, a key without its certificate, a PFX with PEM files, a passphrase without a key', () => {
    const f = join(dir, 'not-a-cert.pem');
    writeFileSync(f, 'hello');
    expect(issuesOf({ CEC_CA_FILE: join(dir, 'nope.pem') })).toEqual([{ variable: 'CEC_CA_FILE', message: expect.stringContaining('does not exist') }]);
    expect(issuesOf({ CEC_CA_FILE: f })).toEqual([{ variable: 'CEC_CA_FILE', message: expect.stringContaining('holds no PEM certificate') }]);
    expect(issuesOf({ CEC_CLIENT_KEY: f })).toEqual([{ variable: 'CEC_CLIENT_CERT', message: expect.stringContaining('required with CEC_CLIENT_KEY') }]);
    expect(issuesOf({ CEC_CLIENT_CERT: f })).toEqual([{ variable: 'CEC_CLIENT_KEY', message: expect.stringContaining('required with CEC_CLIENT_CERT') }]);
    expect(issuesOf({ CEC_CLIENT_PFX: f, CEC_CLIENT_CERT: f, CEC_CLIENT_KEY: f })[0].variable).toBe('CEC_CLIENT_PFX');
    expect(issuesOf({ CEC_CLIENT_PASSPHRASE: 'x' })[0].variable).toBe('CEC_CLIENT_PASSPHRASE');
    expect(issuesOf({ HTTPS_PROXY: 'ftp://proxy:21' })[0].variable).toBe('HTTPS_PROXY');
  });

  test('a wrong passphrase names CEC_CLIENT_PASSPHRASE, without echoing it', async () => {
    const pki = await makePki(mkdtempSync(join(dir, 'pki-')), PASSPHRASE);
    const issues = issuesOf({ CEC_CLIENT_CERT: pki.clientCertFile, CEC_CLIENT_KEY: pki.clientKeyFile, CEC_CLIENT_PASSPHRASE: 'WrongPassZq1' });
    expect(issues).toEqual([{ variable: 'CEC_CLIENT_PASSPHRASE', message: expect.stringContaining('does not unlock') }]);
    expect(JSON.stringify(issues)).not.toContain('WrongPassZq1');
    expect(issuesOf({ CEC_CLIENT_CERT: pki.clientCertFile, CEC_CLIENT_KEY: pki.clientKeyFile })).toEqual([{ variable: 'CEC_CLIENT_PASSPHRASE', message: expect.stringContaining('is needed') }]);
  });

  test('proxy: the scheme picks the variable, lowercase first; NO_PROXY as Playwright\'s bypass; loopback never proxied', () => {
    const net = readNetwork({ HTTPS_PROXY: 'http://user:Pr0xyPass@proxy.corp:3128', https_proxy: '', HTTP_PROXY: 'http://other:8080', NO_PROXY: '*.internal.corp:8443, .example.org' }, 'https://tenant.example.com', [], false);
    expect(contextOptions(net, ['https://tenant.example.com'])).toEqual({
      ignoreHTTPSErrors: false,
      proxy: { server: 'http://proxy.corp:3128', username: 'user', password: 'Pr0xyPass', bypass: '.internal.corp,.example.org,localhost,127.0.0.1,::1' },
    });
    expect(readNetwork({ http_proxy: 'proxy.corp:3128', HTTP_PROXY: 'http://other:8080' }, 'http://tenant.example.com', [], false).proxy?.server).toBe('http://proxy.corp:3128');
    expect(bypassOf('*')).toBeNull();
    expect(readNetwork({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, 'https://t.example.com', [], false).proxy).toBeUndefined();
    // The embedded mock listens on loopback: never through a proxy.
    expect(loadConfig({ CEC_TARGET: 'mock', HTTP_PROXY: 'http://p:1', ...mockCreds() }).network.proxy).toBeUndefined();
  });

  test('a client certificate goes to the https origins of the tenant and the CC-Gateway', async () => {
    const pki = await makePki(mkdtempSync(join(dir, 'pki-')), PASSPHRASE);
    const net = readNetwork({ CEC_CLIENT_CERT: pki.clientCertFile, CEC_CLIENT_KEY: pki.clientKeyFile, CEC_CLIENT_PASSPHRASE: PASSPHRASE }, 'https://t.example.com', [], false);
    expect(contextOptions(net, ['https://t.example.com/x', 'https://gw.example.com:8043', 'http://plain.example.com']).clientCertificates).toEqual([
      { origin: 'https://t.example.com', certPath: pki.clientCertFile, keyPath: pki.clientKeyFile, passphrase: PASSPHRASE },
      { origin: 'https://gw.example.com:8043', certPath: pki.clientCertFile, keyPath: pki.clientKeyFile, passphrase: PASSPHRASE },
    ]);
    expect(() => loadConfig({ CEC_TARGET: 'mock', CEC_CLIENT_KEY: pki.clientKeyFile, ...mockCreds() })).toThrow(ConfigError);
  });
});

function mockCreds(): NodeJS.ProcessEnv {
  return { CEC_APP_KEY: 'k', CEC_APP_SECRET: 's', CEC_CHANNEL_CONFIG_ID: 'c', CEC_AGENT_ID: '1001', CEC_AGENT_GUID: 'g', CEC_AGENT_PASSWORD: 'p', CEC_AGENT_PHONE: '1' };
}
