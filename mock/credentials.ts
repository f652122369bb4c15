// The credentials the mock tenant accepts. The conformance suite imports this module to talk to the embedded mock,
// so the defaults live here and nowhere else.

export interface MockCredentials {
  appKey: string;
  appSecret: string;
  channelConfigId: string;
  /** Agent ID on the CC-Gateway, 101 to 59999. */
  agentId: string;
  /** A Guid that is valid for the configured agent without sign-in. */
  agentGuid: string;
  agentPassword: string;
  agentPhone: string;
}

export const MOCK_DEFAULTS: Readonly<MockCredentials> = Object.freeze({
  appKey: 'mock-app-key-2f6c1d',
  appSecret: 'mock-app-secret-9b41e7',
  channelConfigId: '1900000000000000001',
  agentId: '1001',
  agentGuid: 'mock-agent-guid-5a0c3e',
  agentPassword: 'Mock@Agent1001',
  agentPhone: '88880001',
});

/** Environment variable that overrides each credential (an empty value counts as unset). */
export const CREDENTIAL_ENV: Readonly<Record<keyof MockCredentials, string>> = Object.freeze({
  appKey: 'CEC_APP_KEY',
  appSecret: 'CEC_APP_SECRET',
  channelConfigId: 'CEC_CHANNEL_CONFIG_ID',
  agentId: 'CEC_AGENT_ID',
  agentGuid: 'CEC_AGENT_GUID',
  agentPassword: 'CEC_AGENT_PASSWORD',
  agentPhone: 'CEC_AGENT_PHONE',
});

/** `c` as the CEC_* variables that name them (what the suite reads; what a run against this mock is given). */
export function credentialVariables(c: Readonly<MockCredentials> = MOCK_DEFAULTS): Record<string, string> {
  return Object.fromEntries(Object.entries(CREDENTIAL_ENV).map(([key, name]) => [name, c[key as keyof MockCredentials]]));
}

/** The credentials the mock accepts under this environment: each CEC_* variable that is set replaces its default. */
export function mockCredentials(env: NodeJS.ProcessEnv = process.env): MockCredentials {
  const out = { ...MOCK_DEFAULTS };
  for (const key of Object.keys(CREDENTIAL_ENV) as Array<keyof MockCredentials>) {
    const value = env[CREDENTIAL_ENV[key]];
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}
