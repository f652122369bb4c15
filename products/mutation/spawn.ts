// Starting mutant mocks as child processes: one mutant (spawnMutant: spawnMock with this layer's entry point), or
// many in one process (spawnFarm: farm.ts, one port each).
import { fileURLToPath } from 'node:url';
import { spawnMock, type SpawnedMock, type SpawnMockOptions } from '../../mock/spawn.js';

/** The entry point that serves the mock as one mutant (MOCK_MUTATION). */
export const MUTANT_SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
/** The entry point that serves several mocks in one process. */
export const MUTANT_FARM = fileURLToPath(new URL('./farm.ts', import.meta.url));
/** The farm's name of the mock as documented. */
export const CLEAN = 'clean';

/** spawnMock for mutant `name` (undefined: the clean mock, through the same entry point). */
export function spawnMutant(name: string | undefined, options: Omit<SpawnMockOptions, 'entry'>): Promise<SpawnedMock> {
  const { MOCK_MUTATION: _, ...env } = options.env;
  return spawnMock({ ...options, entry: MUTANT_SERVER, env: name === undefined ? env : { ...env, MOCK_MUTATION: name } });
}

/** The farm's line for one mock. */
export const farmLine = (name: string, url: string): string => `${name} at ${url}`;
const FARM_LINE = /^(\S+) at (https?:\/\/\S+)$/gm;

export interface Farm extends SpawnedMock {
  /** Base URL of each mock, by name (CLEAN or a mutant's). */
  urls: ReadonlyMap<string, string>;
}

/** Starts farm.ts serving `names` (its own process group); resolves once every mock listens. */
export async function spawnFarm(names: readonly string[], options: Omit<SpawnMockOptions, 'entry' | 'args' | 'detached'>): Promise<Farm> {
  const farm = await spawnMock({ startTimeoutMs: 60_000, label: 'the mutant farm', ...options, entry: MUTANT_FARM, args: [...names], detached: true });
  return { ...farm, urls: new Map([...farm.output().matchAll(FARM_LINE)].map((m) => [m[1], m[2]])) };
}
