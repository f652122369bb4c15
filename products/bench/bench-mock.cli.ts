// npm run bench:mock: starts the mock on a free loopback port (a child process, so the load generator does not share
// its event loop), measures the requests/second it sustains on send (CHAT) and poll with autocannon (5 s each), and
// its memory with 1,000 open sessions. MOCK_* variables in the environment pass through (e.g. MOCK_VALIDATE_RESPONSES=0).
import { createRequire } from 'node:module';
import { mockCredentials } from '../../mock/credentials.js';
import { spawnMock } from '../../mock/spawn.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: { url: string; method: string; headers: Record<string, string>; body?: string; connections: number; duration: number }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 10;
const SESSIONS = 1000;

function startMock(): Promise<{ url: string; stop: () => Promise<void> }> {
  const passed = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MOCK_') || k.startsWith('CEC_')));
  return spawnMock({
    env: { PATH: process.env.PATH, MOCK_SEED: 'bench', ...passed, MOCK_PORT: '0', MOCK_HOST: '127.0.0.1', MOCK_ADMIN: '1', MOCK_HTTPS: '0' },
    nodeArgs: ['--expose-gc'],
  });
}

async function json(url: string, init: RequestInit = {}): Promise<any> { // the benchmark reads known answers
  const r = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  if (r.status !== 200) throw new Error(`${init.method ?? 'GET'} ${url} → ${r.status} ${await r.text()}`);
  return r.json();
}

async function main(): Promise<void> {
  const creds = mockCredentials();
  const mock = await startMock();
  const base = mock.url;
  try {
    const token = await json(`${base}/apigovernance/api/oauth/tokenByAkSk`, { method: 'POST', headers: { 'X-Token-Expire': '3600' }, body: JSON.stringify({ app_key: creds.appKey, app_secret: creds.appSecret }) });
    const fabric = { 'x-app-key': creds.appKey, authorization: `Bearer ${token.AccessToken}` };
    const customer = async (userId: string) => {
      const t = await json(`${base}/apiaccess/ccmessaging/applyToken`, { method: 'POST', headers: fabric, body: JSON.stringify({ userId, userName: userId, channelId: creds.channelConfigId, locale: 'en_US' }) });
      const headers = { ...fabric, 'ccmessaging-token': t.token, 'content-type': 'application/json' };
      const body = (controlType: string, content = '') => JSON.stringify({ channel: 'WEB', content, controlType, from: userId, mediaType: 'TEXT', senderNickname: userId, sourceType: 'CUSTOMER', timestamp: String(Date.now()), to: creds.channelConfigId, userAgent: null, senderAvatar: null });
      const connected = await json(`${base}/apiaccess/ccmessaging/send`, { method: 'POST', headers, body: body('CONNECT') });
      if (connected.resultCode !== '0') throw new Error(`CONNECT → ${JSON.stringify(connected)}`);
      return { headers, body };
    };
    const health = async () => (await json(`${base}/__mock/health?gc=1`)).memory as { rss: number; heapUsed: number };

    const bench = await customer('bench-user');
    const load = async (method: string, path: string, body?: string) =>
      autocannon({ url: `${base}${path}`, method, headers: bench.headers, body, connections: CONNECTIONS, duration: DURATION_S });
    // Warm-up, so the first measurement does not pay for JIT and validator compilation.
    await autocannon({ url: `${base}/apiaccess/ccmessaging/poll`, method: 'GET', headers: bench.headers, connections: 2, duration: 1 });
    const chat = await load('POST', '/apiaccess/ccmessaging/send', bench.body('CHAT', 'How do I track my order?'));
    const poll = await load('GET', '/apiaccess/ccmessaging/poll?channel=WEB');

    const before = await health();
    for (let i = 0; i < SESSIONS; i += 25) await Promise.all(Array.from({ length: Math.min(25, SESSIONS - i) }, (_, j) => customer(`bench-session-${i + j}`)));
    const after = await health();
    const sessions = (await json(`${base}/__mock/health`)).activeSessions as number;

    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const row = (name: string, r: AutocannonResult) =>
      `| ${name.padEnd(18)} | ${r.requests.average.toFixed(0).padStart(7)} | ${String(r.latency.p50).padStart(6)} | ${String(r.latency.p99).padStart(6)} | ${String(r.requests.total).padStart(7)} | ${String(r.non2xx + r.errors + r.timeouts).padStart(6)} |`;
    console.log(`\nMock tenant benchmark (${CONNECTIONS} connections, ${DURATION_S} s per run, response validation ${process.env.MOCK_VALIDATE_RESPONSES === '0' ? 'off' : 'on'})\n`);
    console.log('| scenario           |   req/s | p50 ms | p99 ms |   total | failed |');
    console.log('|--------------------|---------|--------|--------|---------|--------|');
    console.log(row('send (CHAT)', chat));
    console.log(row('poll', poll));
    console.log(`\n| memory                          | RSS MB | heap used MB |`);
    console.log(`|---------------------------------|--------|--------------|`);
    console.log(`| after the load runs             | ${mb(before.rss).padStart(6)} | ${mb(before.heapUsed).padStart(12)} |`);
    console.log(`| with ${String(sessions).padStart(5)} open sessions        | ${mb(after.rss).padStart(6)} | ${mb(after.heapUsed).padStart(12)} |`);
    console.log(`| per session (heap delta)        |        | ${((after.heapUsed - before.heapUsed) / SESSIONS / 1024).toFixed(2).padStart(9)} KB |`);
    if (chat.non2xx + chat.errors + poll.non2xx + poll.errors > 0) process.exitCode = 1;
  } finally {
    await mock.stop();
  }
}

await main();
