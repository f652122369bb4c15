// The composition root's one link between the suite and the embedded mock tenant: without CEC_BASE_URL the suite
// talks to the mock it starts itself, with the credentials the mock accepts. The suite's configuration
// (src/suite/config.ts) never imports the mock; it reads these as CEC_* variables like a tenant's.
import { CREDENTIAL_ENV, mockCredentials } from '../../mock/credentials.js';

/** `env` with the embedded mock's credentials filled in as CEC_* variables (set ones win); unchanged for a tenant. */
export function withEmbeddedMockCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.CEC_BASE_URL?.trim()) return env;
  const creds = mockCredentials(env);
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [key, name] of Object.entries(CREDENTIAL_ENV)) out[name] = creds[key as keyof typeof creds];
  return out;
}
