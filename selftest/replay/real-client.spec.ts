// Issue 16: a real client's lawful traffic (real-client.ts) replayed against the mock, through the suite's CecClient
// with an ExchangeRecorder writing JSON lines to reports/replay/<run>/ (`npm run check-traffic --
// --from-exchanges=reports/replay/default` checks them; `npm run export-har -- --from=…` turns them into HAR). The default profile answers every step as the documents say (no refusal of a lawful
// request; an X-Mock-Note where it let something go); MOCK_STRICT_REQUESTS=1 refuses the extra field, naming it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { test, expect, type APIRequestContext, type TestInfo } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { fakerFor } from '../../fixtures/builders.js';
import { CecClient } from '../../fixtures/client.js';
import { ExchangeRecorder, readExchanges, type ExchangeRecord } from '../../src/contract/exchange.js';
import type { Observation } from '../../src/contract/findings.js';
import { loadConfig } from '../../src/suite/config.js';
import { buildApp, type AppOptions } from '../../mock/app.js';
import { ROOT } from '../reports/helpers.js';
import { AGENT_OWN_PHONE, replayRealClient, type ReplayStep } from './real-client.js';

/** Where the replays' exchange records go: one directory per run (`npm run check-traffic -- --from-exchanges=<it>`). */
export const REPLAY_DIR = join(ROOT, 'reports', 'replay');

interface Replayed {
  steps: ReplayStep[];
  records: ExchangeRecord[];
  /** Each step's record, by the step's name (a step repeated, as a poll until something arrives, keeps its last). */
  byStep: Map<string, ExchangeRecord>;
  observations: Observation[];
}

async function replay(request: APIRequestContext, info: TestInfo, name: string, options: AppOptions = {}): Promise<Replayed> {
  const app: FastifyInstance = buildApp({ env: {}, logLevel: 'silent', seed: `replay-${name}`, agentDelayMs: 50, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const creds = app.mock.options.credentials;
    const config = loadConfig({
      CEC_BASE_URL: url, CEC_TARGET: 'mock', CEC_AGENT_GATEWAY_URL: url, CEC_APP_KEY: creds.appKey, CEC_APP_SECRET: creds.appSecret,
      CEC_CHANNEL_CONFIG_ID: creds.channelConfigId, CEC_AGENT_ID: creds.agentId, CEC_AGENT_PASSWORD: creds.agentPassword, CEC_AGENT_PHONE: AGENT_OWN_PHONE,
    });
    const dir = join(REPLAY_DIR, name);
    rmSync(dir, { recursive: true, force: true });
    const file = join(dir, 'exchanges.jsonl');
    const recorder = new ExchangeRecorder({
      test: { file: 'selftest/replay/real-client.spec.ts', title: info.title, titlePath: info.titlePath.slice(1), project: info.project.name, tags: ['@replay'], retry: info.retry },
      workerIndex: info.workerIndex, pid: process.pid,
    }, file);
    const observations: Observation[] = [];
    const api = new CecClient({ request, config, recorder, tokens: null, observe: (o) => observations.push(o) });
    const steps = await replayRealClient(api, creds, fakerFor('replay', name));
    await info.attach(`${name}.jsonl`, { path: file, contentType: 'application/jsonl' });
    const records = readExchanges(dir);
    expect(records.map((r) => r.operationId), 'one record per step, in order').toEqual(steps.map((x) => x.operationId));
    return { steps, observations, records, byStep: new Map(steps.map((x, i) => [x.step, records[i]])) };
  } finally {
    await app.close();
  }
}

const row = ([step, r]: [string, ExchangeRecord]): string => `${step} → HTTP ${r.status}${r.resultCode !== undefined ? ` ${r.resultCode}` : ''}`;

test.describe('a real client\'s session, replayed', () => {
  test('default profile: every step answers as the documents say; what the mock let go is noted, and recorded', async ({ request }, info) => {
    const { steps, records, byStep, observations } = await replay(request, info, 'default');
    expect(observations.map((o) => o.signature), 'every answer meets the answer checks').toEqual([]);
    const refused = steps.map((x, i): [string, ExchangeRecord] => [x.step, records[i]]).filter(([, r]) => r.status !== 200 || (r.resultCode ?? '0') !== '0');
    expect(refused.map(row), 'no lawful request refused').toEqual([]);
    const notes = Object.fromEntries([...byStep].filter(([, r]) => r.response?.headers['x-mock-note']).map(([step, r]) => [step, r.response!.headers['x-mock-note']]));
    expect(notes).toEqual({
      'send CONNECT with transData': 'ignored unknown field "transData"',
      'send CHAT from the collection\'s user': 'acted as the ccmessaging-token\'s user; "from" "session_1619573111751_user_1619573111751" ignored',
      'agentSignOut DELETE with {}': 'ignored the request body (agentSignOut takes none)',
    });
    // Each step of the description is in the session.
    for (const step of ['tokenByAkSk', 'applyToken', 'uploadFileStream FILE_IMAGE (jpg)', 'uploadFileStream FILE (txt)', 'send FILE_IMAGE', 'send FILE', 'poll', 'agentSignIn with the agent\'s own phone',
      'sendMessage with data as a JSON string and a top-level content', 'poll for the agent\'s message', 'downloadFileStream', 'saveSatisfaction', 'send DISCONNECT']) {
      expect(steps.map((s) => s.step), step).toContain(step);
    }
    expect(records.every((r) => r.request.headers['Content-Type'] === 'application/json; chartset=UTF-8' || r.request.body === undefined), 'the client\'s own Content-Type').toBe(true);
    expect(records.filter((r) => r.operationId !== 'tokenByAkSk').every((r) => r.request.headers['x-app-key'] !== undefined), 'lowercase x-app-key').toBe(true);
  });

  test('MOCK_STRICT_REQUESTS=1: the extra field is refused with a message naming it (and the session never starts)', async ({ request }, info) => {
    const { byStep: steps } = await replay(request, info, 'strict-requests', { strictRequests: true });
    const byStep = (step: string): ExchangeRecord => steps.get(step)!;
    const connect = byStep('send CONNECT with transData');
    expect(connect.status).toBe(400);
    expect((connect.response?.body as { exceptionInfo?: string }).exceptionInfo).toMatch(/transData/);
    expect(byStep('send FILE').resultCode, 'no session: the later sends answer "1"').toBe('1');
    expect(byStep('send CHAT from the collection\'s user').status, '`from` other than the token\'s user').toBe(401);
    expect(byStep('agentSignIn with the agent\'s own phone').resultCode, 'only the configured phone').toBe('100-004');
    expect(byStep('agentSignOut DELETE with {}').resultCode, 'no Guid to sign out with: the sign-in was refused').toBe('000-003');
  });
});
