// HTTP as real servers speak it, through the suite's own client (Playwright's request context): answers compressed
// (gzip here; deflate and br are decoded the same way, selftest/mock/gateway-readings.spec.ts) and every connection
// closed after its answer. The body the checks read is the decoded one, and the read limit (CEC_MAX_RESPONSE_BYTES)
// counts decoded bytes: a small compressed answer that decodes large is "too large".
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test as suite, expect, ops } from '../../fixtures/index.js';
import { buildApp } from '../../mock/app.js';
import { registerSecret } from '../../src/contract/secrets.js';
import { loadConfig } from '../../src/suite/config.js';
import { childEnv } from '../../src/suite/child-env.js';
import type { Observation } from '../../src/contract/findings.js';
import { suiteEnv } from '../reports/helpers.js';

/** The suite's fixtures against a mock of the worker's own that gzips every answer and closes every connection. */
const test = suite.extend<object, { mockUrl: string; wire: { bytes: number; connections: number } }>({
  wire: [async ({}, use) => { await use({ bytes: 0, connections: 0 }); }, { scope: 'worker' }],
  mockUrl: [async ({ wire }, use) => {
    const app = buildApp({ env: {}, admin: true, logLevel: 'silent', seed: 'selftest-http', agentDelayMs: 100, compress: 'gzip', connectionClose: true });
    // What crossed the wire: the compressed bytes of each answer, and how many connections were opened.
    app.addHook('onSend', async (_request, _reply, payload) => {
      if (Buffer.isBuffer(payload)) wire.bytes = payload.length;
      return payload;
    });
    app.server.on('connection', () => { wire.connections++; });
    await app.listen({ port: 0, host: '127.0.0.1' });
    await use(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    await app.close();
  }, { scope: 'worker' }],
  config: [async ({ mockUrl }, use, workerInfo) => {
    const reportsDir = join(workerInfo.project.outputDir, `http-readings-${workerInfo.workerIndex}`);
    const config = loadConfig({ ...childEnv(), ...suiteEnv(mockUrl), CEC_REPORTS_DIR: reportsDir, CEC_SEED: 'selftest-http', CEC_MAX_RESPONSE_BYTES: '4000' });
    for (const secret of [config.appSecret, config.agent?.password, config.agent?.guid]) registerSecret(secret);
    await use(config);
  }, { scope: 'worker' }],
});
test.use({ target: 'mock' });

test('gzip answers over closed connections: decoded for the checks and the test, each request on a connection of its own', {
  annotation: ops('applyToken', 'send', 'poll'),
}, async ({ customer, exchanges, wire, verdicts }) => {
  const before = wire.connections;
  await expect(await customer.connect()).toSucceed();
  await customer.inbox.waitForMessage('the robot\'s welcome, gzipped', (m) => m.sourceType === 'ROBOT');
  const mine = exchanges.records.filter((r) => r.operationId === 'send' || r.operationId === 'poll');
  expect(mine.length).toBeGreaterThan(1);
  expect(mine.every((r) => r.response?.headers['content-encoding'] === 'gzip' && r.response.headers.connection === 'close'), 'every answer was gzipped and closed its connection').toBe(true);
  expect(wire.connections - before, 'a new connection per request').toBeGreaterThanOrEqual(mine.length);
  expect(verdicts.observations).toEqual([]);
});

test('the read limit counts decoded bytes: a gzip answer under 4000 bytes on the wire that decodes above them is too large', {
  annotation: ops('uploadFileStream', 'downloadFileStream'),
}, async ({ customer, wire }) => {
  const seen: Observation[] = [];
  const text = Buffer.from('conformance '.repeat(500)); // 6000 bytes that compress well; base64 in the answer
  const up = await customer.api.call('uploadFileStream', { body: { fileType: 'txt', fileStream: text.toString('base64'), channel: 'WEB' } });
  const objectKey = ((await up.json()) as { objectKey: string }).objectKey;
  const down = await customer.api.observing((o) => seen.push(o)).call('downloadFileStream', { body: { fileId: objectKey, channel: 'WEB', fileType: 'txt' } });
  expect(wire.bytes, 'what crossed the wire is under the limit').toBeLessThan(4000);
  expect((await down.body()).length, 'what the client read is the decoded answer').toBeGreaterThan(4000);
  expect(seen.map((o) => o.check)).toEqual(['too-large']);
  expect(seen[0].message).toMatch(new RegExp(`the answer has ${(await down.body()).length} bytes`));
});
