// MOCK_SECRET_MARKER (test-only): every token and Guid the mock mints starts with the marker, so the secret scan of
// the reports (selftest/reports/secrets.spec.ts) can find any of them that leaked unmasked. Without it, nothing changes.
import { expect, test } from '@playwright/test';
import { OptionError, parseOptions } from '../../mock/behaviour/options.js';
import { call, creds, customer, fabricHeaders, mockApp } from './helpers.js';

const MARKER = 'ZqMarker9x';

async function mintedSecrets(env: Record<string, string>): Promise<string[]> {
  const app = await mockApp({ env });
  try {
    const fabric = (await fabricHeaders(app)).authorization.replace(/^Bearer /, '');
    const client = (await customer(app, 'marker-user')).token;
    const { agentId, agentPassword, agentPhone } = creds(app);
    const signIn = await call(app, 'agentSignIn', { params: { agentid: agentId }, body: { password: agentPassword, phonenum: agentPhone, status: '5', releasephone: false, agenttype: '4', autoenteridle: true } });
    expect(signIn.body.retcode).toBe('0');
    const guid = String(signIn.headers['set-guid']).replace(/^JSESSIONID=/, '');
    return [fabric, client, guid];
  } finally {
    await app.close();
  }
}

test('with MOCK_SECRET_MARKER every AccessToken, ccmessaging-token and Guid starts with the marker, and still works', async () => {
  const secrets = await mintedSecrets({ MOCK_SECRET_MARKER: MARKER });
  expect(secrets).toHaveLength(3);
  for (const s of secrets) expect(s.startsWith(MARKER), s).toBe(true);
  expect(new Set(secrets).size).toBe(3);
});

test('without it the minted secrets carry no marker; a bad marker is refused', async () => {
  for (const s of await mintedSecrets({})) expect(s).not.toContain(MARKER);
  expect(parseOptions({ MOCK_SECRET_MARKER: 'MARKER9' }).secretMarker).toBe('MARKER9');
  expect(parseOptions({}).secretMarker).toBeUndefined();
  expect(() => parseOptions({ MOCK_SECRET_MARKER: 'a b' })).toThrow(OptionError);
  expect(() => parseOptions({ MOCK_SECRET_MARKER: 'abc' })).toThrow(/MOCK_SECRET_MARKER/);
});
