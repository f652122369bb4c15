// Runs one benchmark command as a child process with a deadline, and never hangs: at the deadline the child's process
// group gets SIGINT (Playwright's Ctrl-C: it stops, closes its web server and writes its reports), and whatever of
// its process tree is still alive a grace period later gets SIGKILL, each process by its id. The tree is taken from
// /proc before the signal, since Playwright starts its web server in a process group of its own, which a signal to
// the child's group would miss and which would outlive a killed Playwright.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

export interface ChildRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** When the child was spawned (ms since the epoch) and how long it ran. */
  startedAt: number;
  wallMs: number;
  /** Set when the deadline stopped it: seconds after the start. */
  killedAtS?: number;
  /** Everything it printed (stdout and stderr, interleaved as they came), at most the last `keepBytes`. */
  output: string;
  /** When it first printed anything after `quietPattern`'s lines (ms after the start), if it did. */
  firstOutputMs?: number;
}

export interface ChildOptions {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  deadlineMs: number;
  /** A file that receives everything the child prints. */
  logFile?: string;
  graceMs?: number;
  keepBytes?: number;
  /** Lines that do not count as output for firstOutputMs (the suite's banner). */
  quietPattern?: RegExp;
}

interface ProcInfo { pid: number; ppid: number; start: string }

function procTable(): ProcInfo[] {
  if (!existsSync('/proc')) return [];
  const out: ProcInfo[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(d), ppid: Number(rest[1]), start: rest[19] });
    } catch { /* gone meanwhile */ }
  }
  return out;
}

/** The process `root` and all its descendants now, each with its start time (to tell a reused pid apart). */
export function processTree(root: number): ProcInfo[] {
  const table = procTable();
  const children = new Map<number, ProcInfo[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const self = table.find((p) => p.pid === root);
  const out: ProcInfo[] = self ? [self] : [];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i].pid) ?? []));
  return out;
}

function stillSame(p: ProcInfo): boolean {
  try {
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] === p.start;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function runChild(options: ChildOptions): Promise<ChildRun> {
  const { args, cwd, env, deadlineMs, logFile, graceMs = 15_000, keepBytes = 2 * 1024 * 1024, quietPattern } = options;
  const startedAt = Date.now();
  const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logFile ? createWriteStream(logFile) : undefined;
  let output = '';
  let firstOutputMs: number | undefined;
  const take = (chunk: Buffer): void => {
    log?.write(chunk);
    const text = chunk.toString('utf8');
    if (firstOutputMs === undefined && text.split('\n').some((l) => l.trim() && !quietPattern?.test(l))) firstOutputMs = Date.now() - startedAt;
    output = (output + text).slice(-keepBytes);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  return new Promise((resolve) => {
    let killedAtS: number | undefined;
    const timer = setTimeout(async () => {
      killedAtS = Math.round((Date.now() - startedAt) / 1000);
      const tree = processTree(child.pid!);
      try { process.kill(-child.pid!, 'SIGINT'); } catch { /* gone */ }
      const until = Date.now() + graceMs;
      while (Date.now() < until && tree.some(stillSame)) {
        await sleep(200);
        for (const p of processTree(child.pid!)) if (!tree.some((q) => q.pid === p.pid)) tree.push(p);
      }
      for (const p of tree) if (stillSame(p)) try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
    }, deadlineMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log?.end();
      resolve({ exitCode: code, signal, startedAt, wallMs: Date.now() - startedAt, ...(killedAtS !== undefined ? { killedAtS } : {}), output, ...(firstOutputMs !== undefined ? { firstOutputMs } : {}) });
    });
  });
}

/** A free TCP port on the loopback interface (bound and released). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves with the time (ms since the epoch) the port first accepts a connection, or undefined once `stop` says so. */
export async function whenListening(port: number, stop: () => boolean, host = '127.0.0.1', everyMs = 25): Promise<number | undefined> {
  while (!stop()) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host });
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return Date.now();
    await sleep(everyMs);
  }
  return undefined;
}
