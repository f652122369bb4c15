// Settings: flags over environment over defaults, every bad value named, and the CEC_* credentials.
import { expect, test } from '@playwright/test';
import { MOCK_DEFAULTS, mockCredentials } from '../../mock/credentials.js';
import { OptionError, parseFaults, parseOptions } from '../../mock/behaviour/options.js';
import { call, mockApp } from './helpers.js';

test.describe('options', () => {
  test('defaults', () => {
    const o = parseOptions({}, []);
    expect(o).toMatchObject({ port: 3180, host: '127.0.0.1', https: false, agentDelayMs: 300, sessionIdleS: 600, validateResponses: true, logLevel: 'warn', admin: false, seedGiven: false });
    expect(o.faults).toEqual({ latencyMs: 0, fault503Rate: 0, flowControlRate: 0, tokenTtlS: 0, dropRate: 0, rateLimit: 0 });
    expect(o.credentials).toEqual(MOCK_DEFAULTS);
    expect(o.seed).toMatch(/^[0-9a-f]{32}$/);
  });

  test('environment, then flags on top', () => {
    const env = { MOCK_PORT: '4000', MOCK_LATENCY_MS: '20', MOCK_ADMIN: '1', MOCK_SEED: 's1', MOCK_FAULT_503_RATE: '0.25' };
    const o = parseOptions(env, ['--port=5000', '--https', '--fault-drop-rate', '0.5', '--validate-responses=0']);
    expect(o).toMatchObject({ port: 5000, https: true, admin: true, seed: 's1', seedGiven: true, validateResponses: false });
    expect(o.faults).toMatchObject({ latencyMs: 20, fault503Rate: 0.25, dropRate: 0.5 });
  });

  test('every bad value is named in one error', () => {
    let error: unknown;
    try {
      parseOptions({ MOCK_PORT: '70000', MOCK_FAULT_503_RATE: '1.5', MOCK_ADMIN: 'maybe', MOCK_LOG_LEVEL: 'loud' }, []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    for (const name of ['MOCK_PORT', 'MOCK_FAULT_503_RATE', 'MOCK_ADMIN', 'MOCK_LOG_LEVEL']) expect((error as Error).message).toContain(name);
    expect(() => parseOptions({}, ['--nope'])).toThrow(/unknown flag --nope/);
    expect(() => parseOptions({}, ['--port'])).toThrow(/needs a value/);
  });

  test('parseFaults takes setting names or variable names, numbers or numeric strings', () => {
    expect(parseFaults({ latencyMs: 10, MOCK_FAULT_503_RATE: '0.5', rateLimit: '2.5' })).toEqual({ latencyMs: 10, fault503Rate: 0.5, rateLimit: 2.5 });
    expect(() => parseFaults({ port: 1 })).toThrow(/unknown setting "port"/);
    expect(() => parseFaults({ dropRate: -0.1 })).toThrow(OptionError);
    expect(() => parseFaults(null)).toThrow(OptionError);
  });
});

test.describe('credentials', () => {
  test('each CEC_* variable replaces its default; empty counts as unset', () => {
    const c = mockCredentials({ CEC_APP_KEY: 'k', CEC_APP_SECRET: '', CEC_AGENT_ID: '555', CEC_AGENT_PHONE: '123' });
    expect(c).toEqual({ ...MOCK_DEFAULTS, appKey: 'k', agentId: '555', agentPhone: '123' });
  });

  test('the mock accepts exactly the configured values instead of its defaults', async () => {
    const env = { CEC_APP_KEY: 'tenant-key', CEC_APP_SECRET: 'tenant-secret', CEC_CHANNEL_CONFIG_ID: 'chan-9', CEC_AGENT_ID: '4242', CEC_AGENT_GUID: 'guid-9', CEC_AGENT_PASSWORD: 'pw', CEC_AGENT_PHONE: '777' };
    const app = await mockApp({ env });
    expect((await call(app, 'tokenByAkSk', { body: { app_key: MOCK_DEFAULTS.appKey, app_secret: MOCK_DEFAULTS.appSecret } })).status).toBe(401);
    const t = await call(app, 'tokenByAkSk', { body: { app_key: 'tenant-key', app_secret: 'tenant-secret' } });
    expect(t.status).toBe(200);
    const headers = { 'x-app-key': 'tenant-key', authorization: `Bearer ${t.body.AccessToken}` };
    const apply = (channelId: string) => call(app, 'applyToken', { headers, body: { userId: 'u', userName: 'u', channelId, locale: 'en' } });
    expect((await apply(MOCK_DEFAULTS.channelConfigId)).body.resultCode).toBe('1');
    expect((await apply('chan-9')).body.resultCode).toBe('0');
    // The configured agent Guid is valid for the configured agent without sign-in; the default one is not.
    expect((await call(app, 'agentSignOut', { params: { agentid: '4242' }, headers: { Guid: 'guid-9' } })).body.retcode).toBe('100-006');
    expect((await call(app, 'agentSignOut', { params: { agentid: '4242' }, headers: { Guid: MOCK_DEFAULTS.agentGuid } })).body.retcode).toBe('000-003');
    const signIn = (password: string, phonenum: string) => call(app, 'agentSignIn', { params: { agentid: '4242' }, body: { password, phonenum } });
    expect((await signIn(MOCK_DEFAULTS.agentPassword, MOCK_DEFAULTS.agentPhone)).body.retcode).toBe('100-004');
    expect((await signIn('pw', '777')).body.retcode).toBe('0');
  });
});
