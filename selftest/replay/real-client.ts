// A real client's session, replayed: what a team's own integration (a Postman-style collection written against a
// CEC tenant) sends, written from the description of it (issue 16), not copied from any collection. It is
// lawful traffic the suite itself would never send: a field the documents do not list (`transData`), a CHAT whose
// `from` is the collection's fixed example user rather than the token's, lowercase `x-app-key`, a Content-Type with
// a misspelt parameter, an agent signing in from its own phone, sendmessage's `data` as a JSON string with a
// top-level `content` (E17), and a sign-out DELETE carrying `{}`. Every request goes through the suite's CecClient
// (raw: the suite vouches for nothing; no test variant: it is a client's traffic, judged like any), so the answers
// meet the suite's answer checks and are recorded, one record per step, in order.
import type { APIResponse } from '@playwright/test';
import type { Faker } from '@faker-js/faker';
import { bodyOf, type CecClient, type OperationId, type RawRequest, type Reply } from '../../fixtures/client.js';
import { expect } from '../../fixtures/expect.js';
import { sampleFile } from '../../fixtures/sample-files.js';
import { textFile } from '../../fixtures/builders.js';
import { registerSecret } from '../../src/contract/secrets.js';
import type { MockCredentials } from '../../mock/credentials.js';

/** The Content-Type the collection sends (sic: "chartset"). */
export const CLIENT_CONTENT_TYPE = 'application/json; chartset=UTF-8';
/** The collection's fixed `from`: the documents' own example user, not the user of the token it applied for. */
export const COLLECTION_FROM = 'session_1619573111751_user_1619573111751';
/** The agent's own phone, not the one the mock was started with. */
export const AGENT_OWN_PHONE = '13912345678';

export interface ReplayStep {
  step: string;
  operationId: OperationId;
  reply: APIResponse;
}

interface Session {
  accessToken?: string;
  ccmessagingToken?: string;
  guid?: string;
}

/** The collection's session, step by step; a step whose precondition failed still runs with what there is. */
export async function replayRealClient(api: CecClient, creds: MockCredentials, faker: Faker, replyTimeoutMs = 10_000): Promise<ReplayStep[]> {
  const steps: ReplayStep[] = [];
  const s: Session = {};
  const userId = `postman_${faker.string.numeric(10)}`;
  const request = async <K extends OperationId>(step: string, operationId: K, spec: RawRequest): Promise<Reply<K>> => {
    const reply = await api.raw(operationId, {
      ...spec,
      contentType: CLIENT_CONTENT_TYPE,
      headers: { 'x-app-key': creds.appKey, ...spec.headers },
      credentials: {
        ...(s.accessToken ? { fabricToken: s.accessToken } : {}),
        ...(s.ccmessagingToken ? { ccmessagingToken: s.ccmessagingToken } : {}),
        ...(s.guid ? { agentGuid: s.guid } : {}),
      },
    });
    steps.push({ step, operationId, reply });
    return reply;
  };
  const sendBody = (controlType: string, content = '', mediaType = 'TEXT', from = userId): Record<string, unknown> => ({
    channel: 'WEB', content, controlType, from, mediaType, senderNickname: 'Postman', sourceType: 'CUSTOMER',
    timestamp: String(Date.now()), to: creds.channelConfigId, userAgent: null, senderAvatar: null,
  });
  const codeOf = async (r: APIResponse): Promise<string | undefined> => {
    const b = (await r.json().catch(() => ({}))) as { resultCode?: string; returnCode?: string; retcode?: string };
    return b.resultCode ?? b.returnCode ?? b.retcode;
  };

  const token = await request('tokenByAkSk', 'tokenByAkSk', { headers: { 'X-Token-Expire': '3600' }, body: { app_key: creds.appKey, app_secret: creds.appSecret } });
  if (token.status() === 200) registerSecret(s.accessToken = (await bodyOf(token)).AccessToken);
  const applied = await request('applyToken', 'applyToken', { body: { userId, userName: 'Postman User', channelId: creds.channelConfigId, locale: 'en_US' } });
  if (applied.status() === 200) registerSecret(s.ccmessagingToken = (await bodyOf(applied)).token);

  await request('send CONNECT with transData', 'send', { body: { ...sendBody('CONNECT'), transData: JSON.stringify({ source: 'postman', campaign: 'spring' }) } });
  await request('send CHAT from the collection\'s user', 'send', { body: sendBody('CHAT', 'What are your opening hours?', 'TEXT', COLLECTION_FROM) });

  const image = sampleFile('jpg', faker);
  const upImage = await request('uploadFileStream FILE_IMAGE (jpg)', 'uploadFileStream', { body: { fileType: 'jpg', fileStream: image.bytes.toString('base64'), channel: 'WEB' } });
  const doc = textFile(faker, 3);
  const upDoc = await request('uploadFileStream FILE (txt)', 'uploadFileStream', { body: { fileType: 'txt', fileStream: doc.bytes.toString('base64'), channel: 'WEB' } });
  const imageKey = ((await upImage.json().catch(() => ({}))) as { objectKey?: string }).objectKey ?? 'none';
  const docKey = ((await upDoc.json().catch(() => ({}))) as { objectKey?: string }).objectKey ?? 'none';
  // FILE_IMAGE content is "objectKey,ext"; FILE content is "fileName,fileSizeBytes,fileId,fileType" (facts, Messages).
  await request('send FILE_IMAGE', 'send', { body: sendBody('CHAT', `${imageKey},jpg`, 'FILE_IMAGE') });
  await request('send FILE', 'send', { body: sendBody('CHAT', `notes.txt,${doc.bytes.length},${docKey},txt`, 'FILE') });
  await request('poll', 'poll', { query: { receiverId: userId, channel: 'WEB' } });

  // To an agent: the collection signs its agent in from the agent's own phone and answers from the CC-Gateway.
  const transferred = await request('send TRANS2AGENT', 'send', { body: sendBody('TRANS2AGENT') });
  let callId = 'none';
  if (await codeOf(transferred) === '0') {
    await expect.poll(async () => {
      const r = await request('poll for the agent', 'poll', { query: { receiverId: userId, channel: 'WEB' } });
      const messages = ((await r.json().catch(() => ({}))) as { downlinkMessages?: Array<{ callId?: string | null }> }).downlinkMessages ?? [];
      callId = messages.find((m) => m.callId)?.callId ?? callId;
      return callId;
    }, { message: 'an agent takes the call (a message with a callId)', timeout: replyTimeoutMs }).not.toBe('none');
  }
  const signIn = await request('agentSignIn with the agent\'s own phone', 'agentSignIn', {
    path: { agentid: creds.agentId },
    body: { password: creds.agentPassword, phonenum: AGENT_OWN_PHONE, status: '5', releasephone: false, agenttype: '4', autoenteridle: true },
  });
  const setGuid = signIn.headers()['set-guid'];
  if (setGuid) registerSecret(s.guid = /JSESSIONID=([^;,\s]+)/.exec(setGuid)?.[1] ?? setGuid);
  const text = 'Hello, this is your agent. How can I help?';
  const data = JSON.stringify({ from: creds.channelConfigId, to: userId, channel: 'WEB', controlType: 'CHAT', mediaType: 'TEXT', messageCode: faker.string.uuid(), content: text, senderNickname: 'Agent', senderAvatar: 'DefaultAvatar', sendTime: Date.now(), userId });
  const answered = await request('sendMessage with data as a JSON string and a top-level content', 'sendMessage', { path: { agentid: creds.agentId }, body: { callid: callId, userid: userId, data, content: text } });
  if (await codeOf(answered) === '0') {
    await expect.poll(async () => {
      const r = await request('poll for the agent\'s message', 'poll', { query: { receiverId: userId, channel: 'WEB' } });
      return ((await r.json().catch(() => ({}))) as { downlinkMessages?: Array<{ content: string }> }).downlinkMessages?.some((m) => m.content === text) ?? false;
    }, { message: 'the agent\'s message reaches the customer', timeout: replyTimeoutMs }).toBe(true);
  }

  await request('downloadFileStream', 'downloadFileStream', { body: { fileId: imageKey, channel: 'WEB', fileType: 'jpg' } });
  await request('saveSatisfaction', 'saveSatisfaction', { body: { channel: 'WEB', userId, evaluation: '5', comment: 'Quick and friendly', channelConfigId: creds.channelConfigId } });
  await request('send DISCONNECT', 'send', { body: sendBody('DISCONNECT') });
  await request('agentSignOut DELETE with {}', 'agentSignOut', { path: { agentid: creds.agentId }, body: {} });
  return steps;
}
