// The real server: `npm run mock`'s entry point started on a free port, its printed credentials used over HTTP(S).
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  child: ChildProcess;
  url: string;
  /** The banner's rows, label → value. */
  printed: Record<string, string>;
}

/** Every child started here, so none outlives its test even when an assertion throws in a callback. */
const children = new Set<ChildProcess>();
test.afterEach(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children.clear();
});

/** Starts mock/server.ts with MOCK_PORT=0 and reads the banner it prints. */
async function start(args: string[] = [], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock/server.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, MOCK_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`no banner in 20 s; stderr: ${err}`)); }, 20_000);
    child.once('exit', (code) => reject(new Error(`mock exited with ${code}: ${err}`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const lines = out.split('\n');
      if (!out.includes('faults')) return;
      clearTimeout(timer);
      const url = /listening on (\S+)/.exec(out)![1];
      const printed = Object.fromEntries(lines.slice(1).filter(Boolean).map((l) => {
        const [, k, v] = /^ {2}(.+?) {2,}(.*)$/.exec(l)!;
        return [k, v];
      }));
      resolve({ child, url, printed });
    });
  });
}

function stop(s: Started): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

test.describe('npm run mock', () => {
  test('prints its URL and credentials; a real tokenByAkSk with them answers 200 with a token', async () => {
    const s = await start([], { MOCK_SEED: 'server-test' });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      for (const k of ['app key (x-app-key)', 'app secret', 'channel configuration ID', 'agent ID', 'agent Guid (pre-set)', 'agent password', 'agent phone']) expect(s.printed[k], k).toBeTruthy();
      const r = await fetch(`${s.url}/apigovernance/api/oauth/tokenByAkSk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Token-Expire': '600' },
        body: JSON.stringify({ app_key: s.printed['app key (x-app-key)'], app_secret: s.printed['app secret'] }),
      });
      expect(r.status).toBe(200);
      const body = await r.json();
      expect(body).toMatchObject({ ApplyType: 'Bearer', Expires: '600', AccessToken: expect.any(String) });
      // The same process serves the CC-Gateway paths.
      const agent = await fetch(`${s.url}/agentgateway/resource/onlineagent/${s.printed['agent ID']}/logout`, { method: 'DELETE', headers: { Guid: s.printed['agent Guid (pre-set)'] } });
      expect(await agent.json()).toEqual({ retcode: '100-006', message: 'the agent is not signed in' });
    } finally {
      await stop(s);
    }
  });

  test('--https serves TLS with a certificate generated at start', async () => {
    const s = await start(['--https']);
    try {
      expect(s.url).toMatch(/^https:\/\//);
      const { status, body, cert } = await new Promise<{ status: number; body: string; cert: string }>((resolve, reject) => {
        const req = httpsRequest(`${s.url}/apiaccess/ccmessaging/v1/checkClickToCallSupport?channel=WEB`, { rejectUnauthorized: false }, (res) => {
          // Read the certificate now: the socket is detached once the answer ends.
          const cn = String((res.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '');
          let b = '';
          res.on('data', (d) => { b += d; });
          res.on('end', () => resolve({ status: res.statusCode!, body: b, cert: cn }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(401);
      expect(JSON.parse(body).errorCode).toEqual(expect.any(String));
      expect(cert).toBe('localhost');
    } finally {
      await stop(s);
    }
  });

  test('a bad setting stops it with a message naming the variable', async () => {
    const err = await start([], { MOCK_FAULT_503_RATE: '7' }).then(async (s) => { await stop(s); return ''; }, (e: Error) => e.message);
    expect(err).toMatch(/MOCK_FAULT_503_RATE/);
  });
});
