// Starts the mock tenant (mock/server.ts, or another entry point that serves it through mock/serve.ts) as a child
// process and resolves once it prints "listening on <url>" (MOCK_PORT=0 in its environment picks a free port).
// Shared by the tools that run the suite against a mock of their own, the benchmark and self-tests.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

export interface SpawnMockOptions {
  /** The child's whole environment (MOCK_* settings, CEC_* credentials, PATH). */
  env: NodeJS.ProcessEnv;
  /** The script to run (default mock/server.ts): an entry point that serves the mock (mock/serve.ts). */
  entry?: string;
  /** Arguments after the script. */
  args?: string[];
  /** Node options before the script, e.g. --expose-gc. */
  nodeArgs?: string[];
  /** Own process group: signals go to the whole group. */
  detached?: boolean;
  /** Receives everything the mock prints. */
  log?: Writable;
  startTimeoutMs?: number;
  /** Names the mock in errors. */
  label?: string;
}

export interface SpawnedMock {
  child: ChildProcess;
  url: string;
  /** Everything the mock printed so far (stdout and stderr). */
  output: () => string;
  signal: (signal: NodeJS.Signals) => void;
  /** SIGTERM, SIGKILL after 5 s; resolves when the process is gone. */
  stop: () => Promise<void>;
}

export function spawnMock(options: SpawnMockOptions): Promise<SpawnedMock> {
  const { env, entry = SERVER, args = [], nodeArgs = [], detached = false, log, startTimeoutMs = 30_000, label = 'the mock' } = options;
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry, ...args], { cwd: ROOT, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const take = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    log?.write(chunk);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const signal = (sig: NodeJS.Signals): void => {
    if (gone() || child.pid === undefined) return;
    try {
      if (detached) process.kill(-child.pid, sig);
      else child.kill(sig);
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
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`${label} did not start within ${startTimeoutMs / 1000} s:\n${text}`));
    }, startTimeoutMs);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (code ${code}) before it listened:\n${text}`));
    };
    const onData = (): void => {
      const m = /listening on (https?:\/\/\S+)/.exec(text);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolve({ child, url: m[1], output: () => text, signal, stop });
    };
    child.once('exit', onExit);
    child.stdout!.on('data', onData);
  });
}
