// Helpers for the mock's own tests: an app built without the environment, requests addressed by operationId (the
// URL comes from the spec), and a signed-in customer.
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../mock/app.js';
import { operation } from '../../src/contract/contract.js';

export type App = FastifyInstance;

/** Independent of the caller's environment: silent, seeded, quick agent. */
export const MOCK_APP_DEFAULTS = { env: {}, logLevel: 'silent', seed: 'selftest', agentDelayMs: 20 } as const satisfies AppOptions;

/** A mock app built with MOCK_APP_DEFAULTS under `options`, ready. */
export async function mockApp(options: AppOptions = {}): Promise<App> {
  const app = buildApp({ ...MOCK_APP_DEFAULTS, ...options });
  await app.ready();
  return app;
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2025, 0, 1)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

export interface CallOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is (malformed JSON tests). */
  rawBody?: string;
  query?: Record<string, string>;
  params?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: any; // test code reads answers field by field
  headers: Record<string, string | string[] | number | undefined>;
}

/** Calls an operation by operationId. */
export async function call(app: App, operationId: string, o: CallOptions = {}): Promise<Answer> {
  const op = operation(operationId);
  let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(o.params?.[name] ?? ''));
  if (o.query) url += `?${new URLSearchParams(o.query)}`;
  const payload = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  const res = await app.inject({
    method: op.method.toUpperCase() as 'GET',
    url,
    headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
    ...(payload !== undefined ? { payload } : {}),
  });
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch { /* not JSON */ }
  return { status: res.statusCode, body, headers: res.headers };
}

export const creds = (app: App) => app.mock.options.credentials;

/** tokenByAkSk → the Bearer token and the app-level headers. */
export async function fabricHeaders(app: App, expireS?: number): Promise<Record<string, string>> {
  const { appKey, appSecret } = creds(app);
  const r = await call(app, 'tokenByAkSk', { body: { app_key: appKey, app_secret: appSecret }, headers: expireS ? { 'X-Token-Expire': String(expireS) } : {} });
  if (r.status !== 200) throw new Error(`tokenByAkSk → ${r.status} ${JSON.stringify(r.body)}`);
  return { 'x-app-key': appKey, authorization: `Bearer ${r.body.AccessToken}` };
}

export interface Customer {
  userId: string;
  token: string;
  /** x-app-key, Authorization and ccmessaging-token. */
  headers: Record<string, string>;
}

export async function customer(app: App, userId: string): Promise<Customer> {
  const fabric = await fabricHeaders(app);
  const r = await call(app, 'applyToken', { headers: fabric, body: { userId, userName: userId, channelId: creds(app).channelConfigId, locale: 'en_US' } });
  // A success is the token, with resultCode "0" or (the lenient profile, as the E1 example) without one.
  if (typeof r.body.token !== 'string' || (r.body.resultCode ?? '0') !== '0') throw new Error(`applyToken → ${JSON.stringify(r.body)}`);
  return { userId, token: r.body.token, headers: { ...fabric, 'ccmessaging-token': r.body.token } };
}

export type ControlType = 'CONNECT' | 'CHAT' | 'TRANS2AGENT' | 'TRANSFER' | 'INPUT' | 'DISCONNECT';

export function sendBody(app: App, c: Customer, controlType: ControlType, content = '', extra: Record<string, unknown> = {}) {
  return { channel: 'WEB', content, controlType, from: c.userId, mediaType: 'TEXT', senderNickname: c.userId, sourceType: 'CUSTOMER', timestamp: String(Date.now()), to: creds(app).channelConfigId, userAgent: null, senderAvatar: null, ...extra };
}

export const send = (app: App, c: Customer, controlType: ControlType, content = '', extra: Record<string, unknown> = {}) =>
  call(app, 'send', { headers: c.headers, body: sendBody(app, c, controlType, content, extra) });

export async function poll(app: App, c: Customer): Promise<any[]> {
  const r = await call(app, 'poll', { headers: c.headers, query: { receiverId: c.userId, channel: 'WEB' } });
  if (r.status !== 200) throw new Error(`poll → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.downlinkMessages;
}

export const queueInfo = (app: App, c: Customer, userId = c.userId) =>
  call(app, 'queryQueueInfo', { headers: c.headers, body: { userId, channelConfigId: creds(app).channelConfigId, channel: 'WEB' } });

/** Polls until a message matching `pred` arrives (agent pickup runs on a timer); returns everything polled. */
export async function pollUntil(app: App, c: Customer, pred: (m: any) => boolean, timeoutMs = 3000): Promise<any[]> {
  const got: unknown[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const batch = await poll(app, c);
    got.push(...batch);
    if (batch.some(pred)) return got;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(got)}`);
}

/** A customer whose session an agent has taken; returns the callId. */
export async function inCall(app: App, c: Customer): Promise<string> {
  await send(app, c, 'CONNECT');
  await send(app, c, 'TRANS2AGENT');
  const msgs = await pollUntil(app, c, (m) => typeof m.callId === 'string');
  return msgs.find((m) => typeof m.callId === 'string').callId;
}

export const agentPath = (app: App, agentid = creds(app).agentId) => ({ agentid });

export function agentMessage(app: App, c: Customer, content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ from: creds(app).channelConfigId, to: c.userId, channel: 'WEB', controlType: 'CHAT', mediaType: 'TEXT', messageCode: 'm-1', content, senderNickname: 'Agent', senderAvatar: 'DefaultAvatar', sendTime: Date.now(), userId: c.userId, ...extra });
}
