// The conformance suite's typed client (fixtures/client.ts) against a recording HTTP server: what it validates,
// which credentials it sends, that raw bodies leave byte for byte, and that only its own token is renewed on a 401.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type APIRequestContext } from '@playwright/test';
import { CecClient, RequestBuildError, type FabricTokenSource } from '../../fixtures/client.js';
import { ExchangeRecorder } from '../../src/contract/exchange.js';
import { loadConfig, type SuiteConfig } from '../../src/suite/config.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }

let server: Server;
let seen: Seen[] = [];
type Answer = { status: number; body: unknown; headers?: Record<string, string> };
let answer: (s: Seen) => Answer = () => ({ status: 200, body: { resultCode: '0' } });
let config: SuiteConfig;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = loadConfig({ CEC_BASE_URL: url, CEC_APP_KEY: 'ak-1', CEC_APP_SECRET: 'sk-secret-1', CEC_CHANNEL_CONFIG_ID: '1900', CEC_AGENT_GATEWAY_URL: url, CEC_AGENT_ID: '1001', CEC_AGENT_GUID: 'guid-1' });
});
test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});
test.beforeEach(() => {
  seen = [];
  answer = () => ({ status: 200, body: { resultCode: '0' } });
});

class Tokens implements FabricTokenSource {
  issued = 0;
  current = 'fabric-1';
  async get(): Promise<string> {
    return this.current;
  }
  invalidate(token: string): void {
    if (token === this.current) this.current = `fabric-${++this.issued + 1}`;
  }
}

const client = (request: APIRequestContext, tokens = new Tokens()): CecClient =>
  new CecClient({ request, config, recorder: new ExchangeRecorder({ workerIndex: 0, pid: process.pid }, null), tokens, defaults: { ccmessagingToken: () => 'ccm-1', agentGuid: () => 'guid-1' } });

test('call() refuses a body the spec forbids, naming the pointer, and sends nothing', async ({ request }) => {
  const api = client(request);
  const bad = { channel: 'WEB', userId: 'u', evaluation: '9', comment: 'c', channelConfigId: '1900' } as never;
  await expect(api.call('saveSatisfaction', { body: bad })).rejects.toThrow(RequestBuildError);
  await expect(api.call('saveSatisfaction', { body: bad })).rejects.toThrow(/at \/evaluation/);
  expect(seen).toHaveLength(0);
});

test('each operation gets the credentials its security requires', async ({ request }) => {
  const api = client(request);
  await api.call('send', { body: { channel: 'WEB', content: '', controlType: 'CONNECT', from: 'u', mediaType: 'TEXT', sourceType: 'CUSTOMER', to: '1900' } });
  await api.call('createMobileAgentCall', { body: { called: '1', callerPresent: '2' } });
  await api.sendMessage('1001', { callid: 'c', data: 'hi' });
  await api.tokenByAkSk();
  const [send, call, agent, token] = seen;
  expect(send.headers).toMatchObject({ 'x-app-key': 'ak-1', authorization: 'Bearer fabric-1', 'ccmessaging-token': 'ccm-1' });
  expect(call.headers).toMatchObject({ 'x-app-key': 'ak-1', authorization: 'Bearer fabric-1' });
  expect(call.headers['ccmessaging-token']).toBeUndefined();
  expect(agent.headers).toMatchObject({ guid: 'guid-1' });
  expect(agent.headers.authorization).toBeUndefined();
  expect(agent.url).toBe('/agentgateway/resource/mediacall/1001/sendmessage');
  expect(token.headers.authorization).toBeUndefined();
  expect(JSON.parse(token.body.toString())).toEqual({ app_key: 'ak-1', app_secret: 'sk-secret-1' });
});

test('raw() sends a malformed body byte for byte, withholds or replaces a credential', async ({ request }) => {
  const api = client(request);
  await api.raw('send', { body: '{"channel":"WEB",', credentials: { ccmessagingToken: null } });
  await api.raw('poll', { method: 'POST', query: { channel: 'WEB' }, credentials: { fabricToken: 'wrong' } });
  expect(seen[0].body.toString('utf8')).toBe('{"channel":"WEB",');
  expect(seen[0].headers['content-type']).toMatch(/^application\/json/);
  expect(seen[0].headers['ccmessaging-token']).toBeUndefined();
  expect(seen[1]).toMatchObject({ method: 'POST', url: '/apiaccess/ccmessaging/poll?channel=WEB' });
  expect(seen[1].headers.authorization).toBe('Bearer wrong');
});

test('a 401 renews the worker token once for a vouched-for request, never for a raw one', async ({ request }) => {
  const tokens = new Tokens();
  const api = client(request, tokens);
  answer = (s) => (s.headers.authorization === 'Bearer fabric-1' ? { status: 401, body: { errorCode: '401' } } : { status: 200, body: { resultCode: '0', downlinkMessages: [] } });
  const renewed = await api.call('poll', { query: { channel: 'WEB' } });
  expect(renewed.status()).toBe(200);
  expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer fabric-1', 'Bearer fabric-2']);

  seen = [];
  tokens.current = 'fabric-1';
  const raw = await api.raw('poll', { query: { channel: 'WEB' } });
  expect(raw.status()).toBe(401);
  expect(seen).toHaveLength(1);
});

test('a fresh ccmessaging-token in a response header is adopted', async ({ request }) => {
  let token = 'ccm-old';
  const api = new CecClient({ request, config, recorder: new ExchangeRecorder({ workerIndex: 0, pid: process.pid }, null), tokens: new Tokens(), defaults: { ccmessagingToken: () => token, onCcmessagingToken: (t) => { token = t; } } });
  answer = () => ({ status: 200, body: { resultCode: '0', downlinkMessages: [] }, headers: { 'ccmessaging-token': 'ccm-new-123456' } });
  await api.call('poll', { query: { channel: 'WEB' } });
  await api.call('poll', { query: { channel: 'WEB' } });
  expect(seen.map((s) => s.headers['ccmessaging-token'])).toEqual(['ccm-old', 'ccm-new-123456']);
});
