// Starting mutant mocks as child processes: one mutant (spawnMutant: spawnMock with this layer's entry point), or
// many in one process (spawnFarm: farm.ts, one port each).
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { spawnMock, type SpawnedMock, type SpawnMockOptions } from '../mock/spawn.js';

/** The entry point that serves the mock as one mutant (MOCK_MUTATION). */
export const MUTANT_SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
/** The entry point that serves several mocks in one process. */
export const MUTANT_FARM = fileURLToPath(new URL('./farm.ts', import.meta.url));
/** The farm's name of the mock as documented. */
export const CLEAN = 'clean';
/** The farm's last line once every mock listens. */
export const FARM_READY = 'farm ready';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** spawnMock for mutant `name` (undefined: the clean mock, through the same entry point). */
export function spawnMutant(name: string | undefined, options: Omit<SpawnMockOptions, 'entry'>): Promise<SpawnedMock> {
  const { MOCK_MUTATION: _, ...env } = options.env;
  return spawnMock({ ...options, entry: MUTANT_SERVER, env: name === undefined ? env : { ...env, MOCK_MUTATION: name } });
}

export interface Farm {
  child: ChildProcess;
  /** Base URL of each mock, by name (CLEAN or a mutant's). */
  urls: ReadonlyMap<string, string>;
  /** SIGTERM to the farm's process group, SIGKILL after 5 s; resolves when it is gone. */
  stop: () => Promise<void>;
}

/** Starts farm.ts serving `names` (own process group); resolves once every mock listens. */
export function spawnFarm(names: readonly string[], options: { env: NodeJS.ProcessEnv; log?: Writable; startTimeoutMs?: number }): Promise<Farm> {
  const { env, log, startTimeoutMs = 60_000 } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', MUTANT_FARM, ...names], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const signal = (sig: NodeJS.Signals): void => {
    if (gone() || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch { /* already gone */ }
  };
  const stop = async (): Promise<void> => {
    if (gone()) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signal('SIGTERM');
    const killer = setTimeout(() => signal('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  let text = '';
  child.stderr!.on('data', (c: Buffer) => {
    text += c.toString('utf8');
    log?.write(c);
  });
  return new Promise((resolve, reject) => {
    const urls = new Map<string, string>();
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`the mutant farm did not start within ${startTimeoutMs / 1000} s:\n${text}`));
    }, startTimeoutMs);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`the mutant farm exited (code ${code}) before it was ready:\n${text}`));
    };
    let pending = '';
    child.stdout!.on('data', (c: Buffer) => {
      log?.write(c);
      text += c.toString('utf8');
      pending += c.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const m = /^(\S+) listening on (https?:\/\/\S+)$/.exec(line.trim());
        if (m) urls.set(m[1], m[2]);
        if (line.trim() === FARM_READY) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve({ child, urls, stop });
        }
      }
    });
    child.once('exit', onExit);
  });
}
