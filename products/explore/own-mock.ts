// The mock tenant `npm run explore` explores when no tenant is configured: started in this process (no child process
// or compile of its own), on a free port, with the caller's MOCK_* settings and CEC_* credentials; `mutation` makes it that mutant
// (products/mutation/). Its agent takes a transferred session quickly (MOCK_AGENT_DELAY_MS, default 100 ms).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../mock/app.js';
import { parseOptions } from '../../mock/behaviour/options.js';
import { buildMutantApp } from '../mutation/app.js';

export interface OwnMock {
  url: string;
  close(): Promise<void>;
}

export async function startOwnMock(env: NodeJS.ProcessEnv, mutation?: string): Promise<OwnMock> {
  // The MOCK_* settings and the CEC_* credentials the suite will use (withEmbeddedMockCredentials).
  const { MOCK_MUTATION: _, ...rest } = env;
  const options = parseOptions({ MOCK_AGENT_DELAY_MS: '100', MOCK_LOG_LEVEL: 'error', ...rest, MOCK_PORT: '0', MOCK_HOST: '127.0.0.1' });
  const build = { ...options, logStream: process.stderr };
  const app: FastifyInstance = mutation ? buildMutantApp(mutation, build) : buildApp(build);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
