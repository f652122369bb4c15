// The broken tenants of products/bench/broken-tenants.ts each answer as they say, one quick request each. The proxies
// stand in front of a tiny upstream in this process (the real mock is not needed to prove the relabelling).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { BROKEN_TENANT_NAMES, MIB, startBrokenTenant, type BrokenTenant, type BrokenTenantName, type BrokenTenantOptions } from '../../products/bench/broken-tenants.js';

const TOKEN = '/apigovernance/api/oauth/tokenByAkSk';
const SEND = '/apiaccess/ccmessaging/send';

let upstream: http.Server;
let upstreamUrl: string;
const running: BrokenTenant[] = [];

test.beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify({ resultCode: '0', path: req.url })));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await Promise.all(running.map((t) => t.stop()));
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

async function start(name: BrokenTenantName, options: BrokenTenantOptions = {}): Promise<BrokenTenant> {
  const t = await startBrokenTenant(name, { upstream: upstreamUrl, ...options });
  running.push(t);
  expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  return t;
}

const post = (url: string, timeoutMs = 10_000): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"app_key":"k"}', signal: AbortSignal.timeout(timeoutMs) });

/** The error code under fetch's "fetch failed" (ECONNRESET…), or the error's name (TimeoutError). */
const failureOf = (p: Promise<unknown>): Promise<string> =>
  p.then(() => 'answered', (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.name);

test.describe('broken tenants', () => {
  test('every one of the catalogue starts and stops', async () => {
    for (const name of BROKEN_TENANT_NAMES) {
      const t = await startBrokenTenant(name, { upstream: upstreamUrl });
      expect(t.name).toBe(name);
      await t.stop();
    }
  });

  test('gateway-502: 502 Bad Gateway, an HTML page', async () => {
    const r = await post(`${(await start('gateway-502')).url}${TOKEN}`);
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(await r.text()).toContain('502 Bad Gateway');
  });

  test('text-plain: the upstream\'s JSON answer, labelled text/plain', async () => {
    const r = await post(`${(await start('text-plain')).url}${SEND}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(JSON.parse(await r.text())).toEqual({ resultCode: '0', path: SEND });
  });

  test('ccmessaging-503: the token is proxied, ccmessaging answers 503 with Retry-After: 1', async () => {
    const t = await start('ccmessaging-503');
    const token = await post(`${t.url}${TOKEN}`);
    expect(token.status).toBe(200);
    expect(await token.json()).toEqual({ resultCode: '0', path: TOKEN });
    const send = await post(`${t.url}${SEND}`);
    expect(send.status).toBe(503);
    expect(send.headers.get('retry-after')).toBe('1');
  });

  test('huge-json: 200 JSON with a 64 MiB string field', async () => {
    const r = await post(`${(await start('huge-json')).url}${SEND}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    const body = JSON.parse(await r.text()) as Record<string, string>;
    expect(body.resultCode).toBe('0');
    expect(body.resultDesc.length).toBe(64 * MIB);
  });

  test('not-json: 200 with an HTML page', async () => {
    const r = await post(`${(await start('not-json')).url}${SEND}`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('<html');
    expect(() => JSON.parse(text)).toThrow();
  });

  test('hang: the connection is accepted, no answer comes', async () => {
    expect(await failureOf(post(`${(await start('hang')).url}${TOKEN}`, 500))).toBe('TimeoutError');
  });

  test('reset: the connection is reset', async () => {
    expect(await failureOf(post(`${(await start('reset')).url}${TOKEN}`))).toBe('ECONNRESET');
  });

  test('slow: no answer for its delay (20 s by default), then the upstream\'s', async () => {
    expect(await failureOf(post(`${(await start('slow')).url}${TOKEN}`, 500))).toBe('TimeoutError');
    const quick = await start('slow', { delayMs: 200 });
    const t0 = Date.now();
    const r = await post(`${quick.url}${SEND}`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(await r.json()).toEqual({ resultCode: '0', path: SEND });
  });
});
