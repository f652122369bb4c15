// The mock served in a self-test's own process (worker-mock.ts): it answers with the credentials and the mutant it was
// given, a bad setting is refused naming it, and it never serves under another test's (strict) contract.
import { expect, test } from '@playwright/test';
import { Contract, contract, useContract } from '../../src/contract/contract.js';
import { DISTINCT_CREDENTIALS, startMock } from './helpers.js';

const token = async (url: string, appKey: string, appSecret: string): Promise<Record<string, unknown>> =>
  (await fetch(`${url}/apigovernance/api/oauth/tokenByAkSk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_key: appKey, app_secret: appSecret }) })).json() as Promise<Record<string, unknown>>;

test('a mock served here takes the credentials and marker it was given, and only those', async () => {
  const mock = await startMock({ MOCK_SECRET_MARKER: 'WorkerMark42' }, DISTINCT_CREDENTIALS);
  try {
    expect(String((await token(mock.url, DISTINCT_CREDENTIALS.appKey, DISTINCT_CREDENTIALS.appSecret)).AccessToken)).toContain('WorkerMark42');
    expect((await token(mock.url, DISTINCT_CREDENTIALS.appKey, 'wrong-secret')).AccessToken).toBeUndefined();
  } finally {
    await mock.stop();
  }
});

test('an unknown MOCK_ variable, a bad value or an unknown mutant is refused, naming it', async () => {
  await expect(startMock({ MOCK_NO_SUCH_SETTING: '1' })).rejects.toThrow(/MOCK_NO_SUCH_SETTING/);
  await expect(startMock({ MOCK_AGENT_DELAY_MS: 'soon' })).rejects.toThrow(/MOCK_AGENT_DELAY_MS/);
  await expect(startMock({ MOCK_MUTATION: 'no-such-mutant' })).rejects.toThrow(/unknown mutation "no-such-mutant"/);
});

test('never under another test\'s contract: a strict current contract is refused at start, a switch while it serves fails its stop', async () => {
  const plain = contract();
  const strict = new Contract({ strict: true });
  try {
    useContract(strict);
    await expect(startMock()).rejects.toThrow(/current contract is strict/);
    useContract(plain);
    const mock = await startMock();
    useContract(new Contract());
    await expect(mock.stop()).rejects.toThrow(/current contract changed while the mock at http:\/\/127\.0\.0\.1:\d+ served/);
  } finally {
    useContract(plain);
  }
});
