// Starting a mutant mock as a child process: spawnMock (mock/spawn.ts) with this layer's entry point.
import { fileURLToPath } from 'node:url';
import { spawnMock, type SpawnedMock, type SpawnMockOptions } from '../mock/spawn.js';

/** The entry point that serves the mock as one mutant (MOCK_MUTATION). */
export const MUTANT_SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

/** spawnMock for mutant `name` (undefined: the clean mock, through the same entry point). */
export function spawnMutant(name: string | undefined, options: Omit<SpawnMockOptions, 'entry'>): Promise<SpawnedMock> {
  const { MOCK_MUTATION: _, ...env } = options.env;
  return spawnMock({ ...options, entry: MUTANT_SERVER, env: name === undefined ? env : { ...env, MOCK_MUTATION: name } });
}
