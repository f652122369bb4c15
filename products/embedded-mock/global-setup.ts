// Global setup of a run against the embedded mock (no CEC_BASE_URL): the mock tenant, started in the runner's own
// process before the suite's own setup, and stopped at the end. A real HTTP server on the configured port, without
// a child process or a TypeScript compile of its own (`npm run mock` costs about 2 s to start); MOCK_MUTATION makes
// it that mutant. Locally, a mock already listening on the port is used as it is (as Playwright's webServer would).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../mock/app.js';
import { parseOptions } from '../../mock/behaviour/options.js';
import { buildMutantApp } from '../mutation/app.js';
import { loadConfig } from '../../src/suite/config.js';
import { withEmbeddedMockCredentials } from './credentials.js';

export default async function embeddedMockSetup(): Promise<(() => Promise<void>) | undefined> {
  const suite = loadConfig(withEmbeddedMockCredentials(process.env));
  if (!suite.embeddedMock) return undefined;
  // Every MOCK_* setting of the caller, the suite's port, and the admin endpoint (the mock-fault self-tests use it).
  const options = parseOptions({ ...process.env, MOCK_PORT: String(suite.mockPort), MOCK_ADMIN: '1' });
  const name = process.env.MOCK_MUTATION?.trim();
  const build = { ...options, logStream: process.stderr };
  const app: FastifyInstance = name ? buildMutantApp(name, build) : buildApp(build);
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (e) {
    await app.close();
    const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (inUse && !process.env.CI && (await answers(`${suite.baseUrl}/__mock/health`))) return undefined;
    throw new Error(`the embedded mock cannot listen on ${options.host}:${options.port} (${(e as Error).message}): set MOCK_PORT to a free port`);
  }
  return async () => {
    await app.close();
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}
