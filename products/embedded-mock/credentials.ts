// The composition root's one link between the suite and the embedded mock tenant: without CEC_BASE_URL the suite
// talks to the mock it starts itself, with the credentials the mock accepts. The suite's configuration
// (src/suite/config.ts) never imports the mock; it reads these as CEC_* variables like a tenant's.
import { CREDENTIAL_ENV, mockCredentials } from '../../mock/credentials.js';
import { tenantMeant } from '../../src/suite/tenant-guard.js';

/**
 * For commands that only read what a run left (report:merge, baseline): they send no request, so the tenant guard
 * has nothing to protect; without a tenant they read the configuration as the mock's run had it.
 */
export function readingReports(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.CEC_BASE_URL?.trim() || env.CEC_TARGET?.trim() ? env : { ...env, CEC_TARGET: 'mock' };
}

/**
 * `env` with the embedded mock's credentials filled in as CEC_* variables (set ones win) and CEC_TARGET=mock, so the
 * workers and children see the choice made; unchanged for a tenant, and unchanged when the tenant guard says a tenant
 * was meant (CI, the health check, a tenant variable without CEC_BASE_URL): loadConfig then reports it.
 */
export function withEmbeddedMockCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.CEC_BASE_URL?.trim()) return env;
  if (tenantMeant(env).length || (env.CEC_TARGET?.trim() && env.CEC_TARGET.trim() !== 'mock')) return env;
  const creds = mockCredentials(env);
  const out: NodeJS.ProcessEnv = { ...env, CEC_TARGET: 'mock' };
  for (const [key, name] of Object.entries(CREDENTIAL_ENV)) out[name] = creds[key as keyof typeof creds];
  return out;
}
