// Sends a run's recorded requests again, without Playwright, the fixtures or the contract checks: what the requests
// themselves cost on this machine, the floor of a run against the mock. Plain fetch (undici, keep-alive), `concurrency`
// lanes like the run's workers; each lane replays one test's requests in their recorded order, then takes the next
// test. No waits: a poll loop is replayed poll after poll, a retried answer is not waited for. Against a broken tenant
// the replay meets what the run met, so its median is that tenant's own latency, without a harness in front of it.
// A replay stops sending at its deadline (never hangs) and says it was cut short.
//
// The records are masked, so the secrets are put back: the AK/SK in tokenByAkSk, `Bearer` the replay's own API Fabric
// token, the ccmessaging-token the replayed applyToken issued for that user (by `from`, `userId` or `receiverId`;
// else the test's latest), the Guid the replayed sign-in set (else the configured agent's), the agent's password.
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import { MASK } from '../../src/contract/secrets.js';
import { testKey } from '../../src/contract/exchange.js';
import { median, type ReplayFigures } from './figures.js';

export interface ReplayCredentials {
  appKey: string;
  appSecret: string;
  agentGuid: string;
  agentPassword: string;
}

interface TestState {
  lastToken?: string;
  guid?: string;
}

/** Operations whose answers carry a secret later requests need. */
const ISSUERS = new Set<string | null>(['tokenByAkSk', 'applyToken']);
const DROP = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'transfer-encoding']);
const SECRET_BODY_FIELDS = (c: ReplayCredentials): Record<string, string> => ({ app_secret: c.appSecret, password: c.agentPassword });

function userOf(r: ExchangeRecord, url: URL): string | undefined {
  const b = r.request.body;
  const fromBody = b && typeof b === 'object' ? ((b as Record<string, unknown>).from ?? (b as Record<string, unknown>).userId) : undefined;
  return typeof fromBody === 'string' ? fromBody : url.searchParams.get('receiverId') ?? undefined;
}

function unmaskBody(body: unknown, creds: ReplayCredentials): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const fill = SECRET_BODY_FIELDS(creds);
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === MASK && fill[k] !== undefined ? fill[k] : v]));
}

export interface ReplayOptions {
  baseUrl: string;
  credentials: ReplayCredentials;
  concurrency: number;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** No request starts after this (default 120 s). */
  deadlineMs?: number;
}

export async function replay(records: readonly ExchangeRecord[], options: ReplayOptions): Promise<ReplayFigures> {
  const { baseUrl, credentials, concurrency, timeoutMs = 30_000, deadlineMs = 120_000 } = options;
  const byTest = new Map<string, ExchangeRecord[]>();
  for (const r of records) {
    if (!r.operationId) continue; // the mock's admin endpoint and probes: not the suite's requests
    const k = testKey(r) ?? '';
    if (!byTest.has(k)) byTest.set(k, []);
    byTest.get(k)!.push(r);
  }
  const queue = [...byTest.values()].map((l) => l.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)))
    .sort((a, b) => Date.parse(a[0].startedAt) - Date.parse(b[0].startedAt));
  const tokens = new Map<string, string>();
  let fabric = '';
  let sent = 0;
  let sameStatus = 0;
  const durations: number[] = [];

  const send = async (r: ExchangeRecord, state: TestState): Promise<void> => {
    const recorded = new URL(r.url);
    const url = new URL(`${recorded.pathname}${recorded.search}`, baseUrl);
    const user = userOf(r, url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.request.headers)) {
      const name = k.toLowerCase();
      if (DROP.has(name)) continue;
      if (name === 'authorization' && v === `Bearer ${MASK}`) headers[k] = `Bearer ${fabric}`;
      else if (name === 'ccmessaging-token' && v === MASK) headers[k] = (user && tokens.get(user)) ?? state.lastToken ?? MASK;
      else if (name === 'guid' && v === MASK) headers[k] = state.guid ?? credentials.agentGuid;
      else headers[k] = v;
    }
    const b = unmaskBody(r.request.body, credentials);
    const body = b === undefined ? undefined : typeof b === 'string' ? b : JSON.stringify(b);
    sent++;
    const t0 = performance.now();
    try {
      const res = await fetch(url, { method: r.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      const bytes = Buffer.from(await res.arrayBuffer());
      durations.push(performance.now() - t0);
      if (res.status === r.status) sameStatus++;
      // Only the answers whose secrets the replay needs are parsed (a 64 MiB answer costs its transfer, not a parse).
      let json: Record<string, unknown> = {};
      if (ISSUERS.has(r.operationId) && bytes.length <= 1024 * 1024) {
        try { json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>; } catch { /* not JSON */ }
      }
      if (r.operationId === 'tokenByAkSk' && typeof json.AccessToken === 'string' && !r.raw) fabric = json.AccessToken;
      if (r.operationId === 'applyToken' && typeof json.token === 'string') {
        state.lastToken = json.token;
        if (user) tokens.set(user, json.token);
      }
      const fresh = res.headers.get('ccmessaging-token');
      if (fresh) {
        state.lastToken = fresh;
        if (user) tokens.set(user, fresh);
      }
      const setGuid = res.headers.get('set-guid');
      if (setGuid) state.guid = /JSESSIONID=([^;\s]+)/.exec(setGuid)?.[1] ?? setGuid;
    } catch {
      durations.push(performance.now() - t0);
      if (r.status === null) sameStatus++;
    }
  };

  const t0 = performance.now();
  const stopAt = t0 + deadlineMs;
  // One API Fabric token to start with, as each worker gets one (a broken tenant may not issue it).
  try {
    const first = await fetch(new URL('/apigovernance/api/oauth/tokenByAkSk', baseUrl), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_key: credentials.appKey, app_secret: credentials.appSecret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    fabric = String(((await first.json()) as Record<string, unknown>).AccessToken ?? '');
  } catch { /* replayed as the run met it */ }
  let cut = false;
  const lane = async (): Promise<void> => {
    for (let test = queue.shift(); test; test = queue.shift()) {
      const state: TestState = {};
      for (const r of test) {
        if (performance.now() > stopAt) { cut = true; return; }
        await send(r, state);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return {
    ms: Math.round(performance.now() - t0), requests: sent, concurrency, sameStatus,
    medianMs: median(durations.map((d) => Math.round(d * 10) / 10)), ...(cut ? { cutShort: true } : {}),
  };
}
