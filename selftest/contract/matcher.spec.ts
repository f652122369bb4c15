// toMatchContract against a real HTTP server: the failure message names method, URL, status, pointer, expected and
// actual; secrets are masked; the body is cut to about 1 KB; .not is honoured; status and Content-Type are checked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as base, expect as baseExpect, request, type APIRequestContext } from '@playwright/test';
import { contractMatchers } from '../../src/contract/matcher.js';
import { registerSecret } from '../../src/contract/secrets.js';

const expect = baseExpect.extend(contractMatchers);

interface Reply { status: number; type?: string; body: string }
const replies = new Map<string, Reply>();

const test = base.extend<{ api: APIRequestContext }, { server: { url: string } }>({
  server: [async ({}, use) => {
    const server: Server = createServer((req, res) => {
      const reply = replies.get(req.url ?? '') ?? { status: 404, body: '{}' };
      res.writeHead(reply.status, reply.type ? { 'content-type': reply.type } : {});
      res.end(reply.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await use({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    await new Promise((resolve) => server.close(resolve));
  }, { scope: 'worker' }],
  api: async ({ server }, use) => {
    const ctx = await request.newContext({ baseURL: server.url });
    await use(ctx);
    await ctx.dispose();
  },
});

const json = (body: unknown, status = 200): Reply => ({ status, type: 'application/json;charset=UTF-8', body: JSON.stringify(body) });

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: Error) => e);
  expect(error, 'the matcher should have failed').toBeDefined();
  return error!.message;
}

test('a valid answer passes and .not fails with a message', async ({ api }) => {
  replies.set('/ok', json({ resultCode: '0', resultDesc: 'Send message to robot successfully' }));
  const response = await api.post('/ok');
  await expect(response).toMatchContract('send');
  const message = await failureOf(expect(response).not.toMatchContract('send'));
  expect(message).toContain('not to match the contract of send');
});

test('a violation names method, URL, status, each pointer with expected and actual, and masks secrets', async ({ api }) => {
  const secret = 'tenant-secret-token-123456';
  registerSecret(secret);
  replies.set('/bad', json({ token: secret, resultCode: 0, resultDesc: `Bearer ${secret}` }));
  const response = await api.post('/bad');
  const message = await failureOf(expect(response).toMatchContract('applyToken'));
  expect(message).toContain('POST ');
  expect(message).toContain('/bad → 200');
  expect(message).toContain('at /resultCode: must be string');
  expect(message).toMatch(/expected: "string"/);
  expect(message).toMatch(/actual: {3}0/);
  expect(message).not.toContain(secret);
  await expect(response).not.toMatchContract('applyToken');
});

test('the body in the message is cut to about 1 KB', async ({ api }) => {
  replies.set('/long', json({ resultCode: 7, resultDesc: 'y'.repeat(5000) }));
  const message = await failureOf(expect(await api.post('/long')).toMatchContract('send'));
  const body = message.slice(message.indexOf('Body: '));
  expect(body.length).toBeLessThan(1200);
  expect(body).toContain('more characters');
});

test('an undocumented status fails, and so does a non-JSON Content-Type or body', async ({ api }) => {
  replies.set('/teapot', json({ resultCode: '0' }, 418));
  expect(await failureOf(expect(await api.post('/teapot')).toMatchContract('send'))).toContain('status 418 is not documented for send');
  replies.set('/html', { status: 200, type: 'text/html', body: '<html></html>' });
  expect(await failureOf(expect(await api.post('/html')).toMatchContract('send'))).toContain('Content-Type must be JSON');
  replies.set('/broken', { status: 200, type: 'application/json', body: '{"resultCode": "0",' });
  expect(await failureOf(expect(await api.post('/broken')).toMatchContract('send'))).toContain('body is not valid JSON');
});

test('documented error statuses pass with the gateway error body', async ({ api }) => {
  replies.set('/unauthorized', json({ errorCode: '401', exceptionInfo: 'token invalid' }, 401));
  await expect(await api.post('/unauthorized')).toMatchContract('send');
});
