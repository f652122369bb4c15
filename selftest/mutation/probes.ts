// One probe per mutant of the catalogue (products/mutation/catalogue.ts): a short exchange with the mock (buildMutantApp +
// inject) that answers whether the rule the mutant breaks holds. The clean mock must pass every probe and each mutant
// must fail its own, so a mutant that changes nothing a client can see is caught here, before `npm run mutation`
// pays for it.
// Dropped mutants (no client can observe them) have probes that look at the mock's state instead.
import type { MutationName } from '../../products/mutation/catalogue.js';
import { agentMessage, call, creds, customer, fabricHeaders, inCall, poll, pollUntil, queueInfo, send, sendBody, type App, type Customer } from '../mock/helpers.js';

export interface Probe {
  /** What the probe checks (the rule, in the mock's terms). */
  checks: string;
  /** Options the app needs (a manual clock, a slow agent). */
  app?: 'manual-clock';
  /** True when the rule holds. */
  holds: (app: App, clock?: { advance: (ms: number) => void }) => Promise<boolean>;
}

const without = (headers: Record<string, string>, name: string): Record<string, string> => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));

async function uploaded(app: App, c: Customer, bytes: Buffer): Promise<string> {
  const r = await call(app, 'uploadFileStream', { headers: c.headers, body: { fileType: 'txt', fileStream: bytes.toString('base64'), channel: 'WEB' } });
  if (r.body.resultCode !== '0' || typeof r.body.objectKey !== 'string') throw new Error(`upload → ${JSON.stringify(r.body)}`);
  return r.body.objectKey;
}

/** Bytes whose base64 has + and / in it, so a base64url answer differs. */
const BYTES = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 251) % 256));

async function roundTrip(app: App): Promise<boolean> {
  const c = await customer(app, 'u-file');
  const objectKey = await uploaded(app, c, BYTES);
  const r = await call(app, 'downloadFileStream', { headers: c.headers, body: { fileId: objectKey, channel: 'WEB', fileType: 'txt' } });
  return r.status === 200 && r.body.fileStream === BYTES.toString('base64');
}

async function interIdx(app: App, c: Customer): Promise<string> {
  await send(app, c, 'CONNECT');
  const welcome = (await poll(app, c)).find((m) => m.interIdx !== undefined);
  return String(welcome.interIdx);
}

/** The agent's reply to `callId`; its retcode. */
async function agentSendsTo(app: App, c: Customer, callId: string, text: string): Promise<string> {
  const r = await call(app, 'sendMessage', { params: { agentid: creds(app).agentId }, headers: { guid: creds(app).agentGuid }, body: { callid: callId, data: agentMessage(app, c, text) } });
  return String(r.body.retcode);
}

async function agentSends(app: App, c: Customer, callId: string, texts: string[]): Promise<void> {
  for (const t of texts) {
    const retcode = await agentSendsTo(app, c, callId, t);
    if (retcode !== '0') throw new Error(`sendMessage → retcode ${retcode}`);
  }
}

async function agentTexts(app: App, texts: string[]): Promise<string[]> {
  const c = await customer(app, 'u-agent');
  const callId = await inCall(app, c);
  await agentSends(app, c, callId, texts);
  return (await poll(app, c)).filter((m) => m.sourceType === 'AGENT').map((m) => m.content);
}

const rejected = (r: { status: number; body: any }): boolean => r.status >= 400 && r.status < 500 || (r.status === 200 && r.body?.resultCode !== undefined && r.body.resultCode !== '0');

// --- the exploration's mutants (products/mutation/catalogue/exploration.ts): each probe takes the order of steps its mutant needs ---

const EXPLORATION_PROBES = {
  'reconnect-resumes-ended-call': { checks: 'after DISCONNECT and a new CONNECT, the agent cannot reach the customer through the ended call', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await send(app, c, 'DISCONNECT');
    await send(app, c, 'CONNECT');
    await poll(app, c);
    const retcode = await agentSendsTo(app, c, callId, 'to the ended call');
    return retcode !== '0' && !(await poll(app, c)).some((m) => m.content === 'to the ended call');
  } },
  'pickup-after-disconnect': { checks: 'a DISCONNECT while queued: no agent takes the session afterwards', holds: async (app: App) => {
    const [a, b] = [await customer(app, 'alice'), await customer(app, 'bob')];
    await send(app, a, 'CONNECT');
    await send(app, a, 'TRANS2AGENT');
    await send(app, a, 'DISCONNECT');
    // Bob transfers after Alice left the queue: once the agent took Bob (the same delay), Alice's pickup would be due.
    await send(app, b, 'CONNECT');
    await send(app, b, 'TRANS2AGENT');
    await pollUntil(app, b, (m) => typeof m.callId === 'string');
    return !(await poll(app, a)).some((m) => typeof m.callId === 'string');
  } },
  'connect-drops-pending': { checks: 'an agent message sent before the DISCONNECT still arrives after a new CONNECT', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await agentSendsTo(app, c, callId, 'before you left');
    await send(app, c, 'DISCONNECT');
    await send(app, c, 'CONNECT');
    return (await poll(app, c)).some((m) => m.content === 'before you left');
  } },
  'disconnect-drops-pending': { checks: 'an agent message sent before the DISCONNECT still arrives after it', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await agentSendsTo(app, c, callId, 'before you left');
    await send(app, c, 'DISCONNECT');
    return (await poll(app, c)).some((m) => m.content === 'before you left');
  } },
  'concurrent-sendmessage-lost-update': { checks: 'two agent messages sent at once both arrive', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await Promise.all([agentSendsTo(app, c, callId, 'one'), agentSendsTo(app, c, callId, 'two')]);
    const texts = (await poll(app, c)).filter((m) => m.sourceType === 'AGENT').map((m) => m.content);
    return texts.length === 2 && texts.includes('one') && texts.includes('two');
  } },
  'concurrent-poll-duplicates': { checks: 'two polls at once hand out each message once', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    const [x, y] = await Promise.all([poll(app, c), poll(app, c)]);
    const codes = [...x, ...y].map((m) => m.messageCode);
    return codes.length > 0 && new Set(codes).size === codes.length;
  } },
  'concurrent-sendmessage-duplicates': { checks: 'two agent messages sent at once each arrive once', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await Promise.all([agentSendsTo(app, c, callId, 'one'), agentSendsTo(app, c, callId, 'two')]);
    const texts = (await poll(app, c)).filter((m) => m.sourceType === 'AGENT').map((m) => m.content).sort();
    return JSON.stringify(texts) === JSON.stringify(['one', 'two']);
  } },
  'robot-answers-after-transfer': { checks: 'once an agent has the session, the robot does not answer', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    await inCall(app, c);
    await send(app, c, 'CHAT', 'How do I reset my password?');
    return !(await poll(app, c)).some((m) => m.sourceType === 'ROBOT');
  } },
  // Issue 26 point 7: one pair at once, or one step between an agent reply and the next poll.
  'concurrent-chat-reply-lost-update': { checks: 'an agent message sent while the customer\'s CHAT is in flight arrives', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await Promise.all([send(app, c, 'CHAT', 'are you there?'), agentSendsTo(app, c, callId, 'meanwhile')]);
    return (await poll(app, c)).some((m) => m.content === 'meanwhile');
  } },
  'concurrent-poll-chat-duplicates': { checks: 'a poll while the customer\'s CHAT is in flight hands out each message once', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await agentSendsTo(app, c, callId, 'once');
    // The poll leaves a moment after the CHAT, while the CHAT is still in flight (its store round trip is 40 ms).
    const [, first] = await Promise.all([send(app, c, 'CHAT', 'hello'), new Promise((r) => setTimeout(r, 10)).then(() => poll(app, c))]);
    const all = [...first, ...await poll(app, c)].filter((m) => m.content === 'once');
    return all.length === 1;
  } },
  'queue-info-repeats-reply': { checks: 'queryQueueInfo between an agent reply and the next poll repeats nothing', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await agentSendsTo(app, c, callId, 'once');
    await queueInfo(app, c);
    return (await poll(app, c)).filter((m) => m.content === 'once').length === 1;
  } },
  'input-drops-reply': { checks: 'an INPUT between an agent reply and the next poll loses nothing', holds: async (app: App) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    await agentSendsTo(app, c, callId, 'still here');
    await send(app, c, 'INPUT');
    return (await poll(app, c)).some((m) => m.content === 'still here');
  } },
} satisfies Record<string, Probe>;

export const PROBES: Record<MutationName, Probe> = {
  ...EXPLORATION_PROBES,
  'token-expires-number': { checks: 'tokenByAkSk Expires is a string', holds: async (app) => {
    const { appKey, appSecret } = creds(app);
    return typeof (await call(app, 'tokenByAkSk', { body: { app_key: appKey, app_secret: appSecret } })).body.Expires === 'string';
  } },
  'applytoken-now-and-then': { checks: 'three applyTokens in a row each answer a token', holds: async (app) => {
    for (let i = 0; i < 3; i++) {
      const r = await call(app, 'applyToken', { headers: await fabricHeaders(app), body: { userId: `u${i}`, userName: `u${i}`, channelId: creds(app).channelConfigId, locale: 'en_US' } });
      if (typeof r.body.token !== 'string' || !r.body.token) return false;
    }
    return true;
  } },
  'applytoken-token-missing': { checks: 'applyToken answers a token', holds: async (app) => {
    const r = await call(app, 'applyToken', { headers: await fabricHeaders(app), body: { userId: 'u1', userName: 'u1', channelId: creds(app).channelConfigId, locale: 'en_US' } });
    return typeof r.body.token === 'string' && r.body.token.length > 0;
  } },
  'poll-list-missing': { checks: 'an empty poll answers downlinkMessages: []', holds: async (app) => {
    const c = await customer(app, 'u1');
    return Array.isArray((await call(app, 'poll', { headers: c.headers, query: { receiverId: c.userId, channel: 'WEB' } })).body.downlinkMessages);
  } },
  'downlink-simquestions-missing': { checks: 'every downlink message has simQuestions', holds: async (app) => {
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    const msgs = await poll(app, c);
    return msgs.length > 0 && msgs.every((m) => 'simQuestions' in m);
  } },
  'queue-times-strings': { checks: 'queryQueueInfo position is an integer', holds: async (app) => {
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    return Number.isInteger((await queueInfo(app, c)).body.position);
  } },
  'upload-objectkey-missing': { checks: 'uploadFileStream answers objectKey', holds: async (app) => {
    const c = await customer(app, 'u1');
    const r = await call(app, 'uploadFileStream', { headers: c.headers, body: { fileType: 'txt', fileStream: BYTES.toString('base64'), channel: 'WEB' } });
    return typeof r.body.objectKey === 'string';
  } },
  'feedback-resultcode-number': { checks: 'feedbackSatisfaction resultCode is a string', holds: async (app) => {
    const c = await customer(app, 'u1');
    const idx = await interIdx(app, c);
    return (await call(app, 'feedbackSatisfaction', { headers: c.headers, body: { feedback: 1, from: c.userId, interIdx: idx } })).body.resultCode === '0';
  } },
  'phrases-missing': { checks: 'queryPhraseByKeyword answers phrases', holds: async (app) => {
    const c = await customer(app, 'u1');
    return Array.isArray((await call(app, 'queryPhraseByKeyword', { headers: c.headers, body: { strContent: 'password', locale: 'en', channel: 'WEB' } })).body.phrases);
  } },
  'clicktocall-flags-strings': { checks: 'checkClickToCallSupport flags are booleans', holds: async (app) => {
    const c = await customer(app, 'u1');
    const b = (await call(app, 'checkClickToCallSupport', { headers: c.headers, query: { channel: 'WEB' } })).body;
    return typeof b.webRTCSupported === 'boolean' && typeof b.clickToCallSupported === 'boolean';
  } },
  'createcall-sip-missing': { checks: 'createMobileAgentCall resultData has sipServiceAddress', holds: async (app) => {
    const r = await call(app, 'createMobileAgentCall', { headers: await fabricHeaders(app), body: { called: '0123456789', callerPresent: '95599' } });
    return typeof r.body.resultData?.sipServiceAddress === 'string';
  } },
  'agent-retcode-number': { checks: 'sendmessage retcode is a string', holds: async (app) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    const r = await call(app, 'sendMessage', { params: { agentid: creds(app).agentId }, headers: { guid: creds(app).agentGuid }, body: { callid: callId, data: agentMessage(app, c, 'hi') } });
    return r.body.retcode === '0';
  } },
  'download-content-type-text': { checks: 'downloadFileStream answers application/json', holds: async (app) => {
    const c = await customer(app, 'u1');
    const objectKey = await uploaded(app, c, BYTES);
    const r = await call(app, 'downloadFileStream', { headers: c.headers, body: { fileId: objectKey, channel: 'WEB', fileType: 'txt' } });
    return String(r.headers['content-type']).startsWith('application/json');
  } },
  'send-status-202': { checks: 'send answers 200', holds: async (app) => (await send(app, await customer(app, 'u1'), 'CONNECT')).status === 200 },
  'error-body-html': { checks: 'a 401 is JSON', holds: async (app) => {
    const r = await call(app, 'poll', { query: { channel: 'WEB' } });
    return r.status === 401 && String(r.headers['content-type']).startsWith('application/json') && typeof r.body.errorCode === 'string';
  } },
  'bad-request-as-200': { checks: 'a body without a mandatory field answers 400', holds: async (app) => {
    const c = await customer(app, 'u1');
    const body: Record<string, unknown> = sendBody(app, c, 'CONNECT');
    delete body.controlType;
    return (await call(app, 'send', { headers: c.headers, body })).status === 400;
  } },
  'poll-answers-post': { checks: 'POST /poll is not served', holds: async (app) => {
    const c = await customer(app, 'u1');
    const r = await app.inject({ method: 'POST', url: `/apiaccess/ccmessaging/poll?receiverId=${c.userId}&channel=WEB`, headers: c.headers });
    return r.statusCode === 404;
  } },
  'ignore-app-key': { checks: 'poll without x-app-key is 401', holds: async (app) => {
    const c = await customer(app, 'u1');
    return (await call(app, 'poll', { headers: without(c.headers, 'x-app-key'), query: { receiverId: c.userId, channel: 'WEB' } })).status === 401;
  } },
  'ignore-bearer-token': { checks: 'poll with a wrong Bearer token is 401', holds: async (app) => {
    const c = await customer(app, 'u1');
    return (await call(app, 'poll', { headers: { ...c.headers, authorization: 'Bearer 0123456789abcdef' }, query: { receiverId: c.userId, channel: 'WEB' } })).status === 401;
  } },
  'ignore-ccmessaging-token': { checks: 'send without ccmessaging-token is 401', holds: async (app) => {
    const c = await customer(app, 'u1');
    return (await call(app, 'send', { headers: without(c.headers, 'ccmessaging-token'), body: sendBody(app, c, 'CONNECT') })).status === 401;
  } },
  'ignore-agent-guid': { checks: 'sendmessage without a Guid answers 000-003', holds: async (app) => {
    const c = await customer(app, 'u1');
    const callId = await inCall(app, c);
    const r = await call(app, 'sendMessage', { params: { agentid: creds(app).agentId }, body: { callid: callId, data: agentMessage(app, c, 'hi') } });
    return r.body.retcode === '000-003';
  } },
  'accept-wrong-app-secret': { checks: 'tokenByAkSk with a wrong secret is 401', holds: async (app) =>
    (await call(app, 'tokenByAkSk', { body: { app_key: creds(app).appKey, app_secret: 'wrong' } })).status === 401 },
  'ccmessaging-token-as-bearer': { checks: 'a ccmessaging-token as Bearer is 401', holds: async (app) => {
    const c = await customer(app, 'u1');
    return (await call(app, 'poll', { headers: { ...c.headers, authorization: `Bearer ${c.token}` }, query: { receiverId: c.userId, channel: 'WEB' } })).status === 401;
  } },
  'poll-by-receiverid': { checks: 'Alice cannot poll Bob\'s messages', holds: async (app) => {
    const [a, b] = [await customer(app, 'alice'), await customer(app, 'bob')];
    await send(app, b, 'CONNECT');
    const r = await call(app, 'poll', { headers: a.headers, query: { receiverId: b.userId, channel: 'WEB' } });
    return r.status !== 200 || (r.body.downlinkMessages as any[]).every((m) => m.to === a.userId);
  } },
  'download-any-owner': { checks: 'Alice cannot download Bob\'s file', holds: async (app) => {
    const [a, b] = [await customer(app, 'alice'), await customer(app, 'bob')];
    const objectKey = await uploaded(app, b, BYTES);
    return rejected(await call(app, 'downloadFileStream', { headers: a.headers, body: { fileId: objectKey, channel: 'WEB', fileType: 'txt' } }));
  } },
  'send-as-from': { checks: 'Alice cannot send as Bob', holds: async (app) => {
    const [a, b] = [await customer(app, 'alice'), await customer(app, 'bob')];
    await send(app, b, 'CONNECT');
    return rejected(await call(app, 'send', { headers: a.headers, body: sendBody(app, b, 'CHAT', 'hello') }));
  } },
  'broadcast-robot-messages': { checks: 'Bob receives only messages to Bob', holds: async (app) => {
    const [a, b] = [await customer(app, 'alice'), await customer(app, 'bob')];
    await send(app, b, 'CONNECT');
    await send(app, a, 'CONNECT');
    const msgs = await poll(app, b);
    return msgs.length > 0 && msgs.every((m) => m.to === b.userId);
  } },
  'lose-agent-message': { checks: 'three agent messages arrive', holds: async (app) => (await agentTexts(app, ['one', 'two', 'three'])).length === 3 },
  'duplicate-message': { checks: 'a message is delivered once', holds: async (app) => {
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    const first = await poll(app, c);
    const second = await poll(app, c);
    return first.length > 0 && !second.some((m) => first.some((f) => f.messageCode === m.messageCode));
  } },
  'reorder-messages': { checks: 'agent messages arrive in order', holds: async (app) => JSON.stringify(await agentTexts(app, ['one', 'two', 'three'])) === JSON.stringify(['one', 'two', 'three']) },
  'alter-agent-message': { checks: 'agent text arrives unchanged', holds: async (app) => (await agentTexts(app, ['Tom & "Jerry" <3']))[0] === 'Tom & "Jerry" <3' },
  'file-truncated': { checks: 'a file downloads byte for byte', holds: roundTrip },
  'file-corrupted': { checks: 'a file downloads byte for byte', holds: roundTrip },
  'file-base64url': { checks: 'a file downloads as the same base64', holds: roundTrip },
  'download-stream-missing': { checks: 'a download answers fileStream', holds: roundTrip },
  'accept-long-text': { checks: 'TEXT over 1024 is refused', holds: async (app) => {
    const c = await customer(app, 'u1');
    await send(app, c, 'CONNECT');
    return rejected(await send(app, c, 'CHAT', 'x'.repeat(1025)));
  } },
  'accept-big-file': { checks: 'a file over 2 MB is refused', holds: async (app) => {
    const c = await customer(app, 'u1');
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 'a');
    return rejected(await call(app, 'uploadFileStream', { headers: c.headers, body: { fileType: 'txt', fileStream: big.toString('base64'), channel: 'WEB' } }));
  } },
  'accept-feedback-without-content': { checks: 'feedback 0 without feedbackContent answers 30000000008', holds: async (app) => {
    const c = await customer(app, 'u1');
    const idx = await interIdx(app, c);
    return (await call(app, 'feedbackSatisfaction', { headers: c.headers, body: { feedback: 0, from: c.userId, interIdx: idx } })).body.resultCode === '30000000008';
  } },
  'accept-unknown-channel': { checks: 'send to another channel configuration is refused', holds: async (app) => rejected(await send(app, await customer(app, 'u1'), 'CONNECT', '', { to: '1999999999999999999' })) },
  'queue-info-before-connect': { checks: 'queryQueueInfo before CONNECT is refused', holds: async (app) => rejected(await queueInfo(app, await customer(app, 'u1'))) },
  'accept-evaluation-out-of-range': { checks: 'evaluation "6" is refused', holds: async (app) => {
    const c = await customer(app, 'u1');
    return rejected(await call(app, 'saveSatisfaction', { headers: c.headers, body: { channel: 'WEB', userId: c.userId, evaluation: '6', comment: 'x', channelConfigId: creds(app).channelConfigId } }));
  } },
  'accept-long-called-number': { checks: 'a called number of 33 digits is refused', holds: async (app) =>
    rejected(await call(app, 'createMobileAgentCall', { headers: await fabricHeaders(app), body: { called: '1'.repeat(33), callerPresent: '95599' } })) },
  'sendmessage-unknown-call': { checks: 'sendmessage to an unknown call is refused', holds: async (app) => {
    const c = await customer(app, 'u1');
    const r = await call(app, 'sendMessage', { params: { agentid: creds(app).agentId }, headers: { guid: creds(app).agentGuid }, body: { callid: '1700000000-12345678', data: agentMessage(app, c, 'hi') } });
    return r.body.retcode !== '0';
  } },
  'refuse-comment-at-bound': { checks: 'a comment of 511 characters is accepted', holds: async (app) => {
    const c = await customer(app, 'u1');
    const r = await call(app, 'saveSatisfaction', { headers: c.headers, body: { channel: 'WEB', userId: c.userId, evaluation: '5', comment: 'x'.repeat(511), channelConfigId: creds(app).channelConfigId } });
    return r.status === 200 && r.body.resultCode === '0';
  } },
  'feedback-bytes-miscounted': { checks: 'feedbackContent of 64 bytes of two-byte text is accepted', holds: async (app) => {
    const c = await customer(app, 'u1');
    const idx = await interIdx(app, c);
    const r = await call(app, 'feedbackSatisfaction', { headers: c.headers, body: { feedback: 0, feedbackContent: 'é'.repeat(32), from: c.userId, interIdx: idx } });
    return r.status === 200 && r.body.resultCode === '0';
  } },
  'refuse-filetype-csv': { checks: 'an upload of fileType "csv" is accepted', holds: async (app) => {
    const c = await customer(app, 'u1');
    const r = await call(app, 'uploadFileStream', { headers: c.headers, body: { fileType: 'csv', fileStream: Buffer.from('a,b\n1,2\n').toString('base64'), channel: 'WEB' } });
    return r.status === 200 && r.body.resultCode === '0';
  } },
  'send-nickname-required': { checks: 'send without senderNickname is accepted', holds: async (app) => {
    const c = await customer(app, 'u1');
    const body: Record<string, unknown> = sendBody(app, c, 'CONNECT');
    delete body.senderNickname;
    const r = await call(app, 'send', { headers: c.headers, body });
    return r.status === 200 && r.body.resultCode === '0';
  } },
  'crash-on-malformed-json': { checks: 'malformed JSON answers 400', holds: async (app) => {
    const c = await customer(app, 'u1');
    return (await call(app, 'send', { headers: c.headers, rawBody: '{"controlType":' })).status === 400;
  } },
  'accept-data-object-unchecked': { checks: 'a data object without its mandatory channel is refused', holds: async (app) => {
    const c = await customer(app, 'u-data');
    const callId = await inCall(app, c);
    const data = JSON.parse(agentMessage(app, c, 'no channel')) as Record<string, unknown>;
    delete data.channel;
    const r = await call(app, 'sendMessage', { params: { agentid: creds(app).agentId }, headers: { guid: creds(app).agentGuid }, body: { callid: callId, data } });
    return r.status >= 400 && r.status < 500 || (r.status === 200 && r.body.retcode !== '0');
  } },
  'accept-body-not-object': { checks: 'a saveSatisfaction body that is an array is refused', holds: async (app) => {
    const c = await customer(app, 'u-array');
    return rejected(await call(app, 'saveSatisfaction', { headers: c.headers, body: [{ channel: 'WEB', userId: c.userId, evaluation: '1', channelConfigId: creds(app).channelConfigId }] as unknown as Record<string, unknown> }));
  } },
  'crash-on-missing-field': { checks: 'a missing field answers 400', holds: async (app) => {
    const c = await customer(app, 'u1');
    const body: Record<string, unknown> = sendBody(app, c, 'CONNECT');
    delete body.from;
    return (await call(app, 'send', { headers: c.headers, body })).status === 400;
  } },
  'token-expire-ignored': { checks: 'X-Token-Expire 300 gives Expires "300"', holds: async (app) => {
    const { appKey, appSecret } = creds(app);
    return (await call(app, 'tokenByAkSk', { headers: { 'X-Token-Expire': '300' }, body: { app_key: appKey, app_secret: appSecret } })).body.Expires === '300';
  } },
  'expired-token-accepted': { checks: 'a token is refused after its Expires', app: 'manual-clock', holds: async (app, clock) => {
    const c = await customer(app, 'u1');
    const short = await fabricHeaders(app, 2);
    clock!.advance(3_000);
    return (await call(app, 'poll', { headers: { ...c.headers, ...short }, query: { receiverId: c.userId, channel: 'WEB' } })).status === 401;
  } },
  'accept-token-expire-over-max': { checks: 'X-Token-Expire 3601 is refused', holds: async (app) => {
    const { appKey, appSecret } = creds(app);
    return rejected(await call(app, 'tokenByAkSk', { headers: { 'X-Token-Expire': '3601' }, body: { app_key: appKey, app_secret: appSecret } }));
  } },
  'satisfaction-not-recorded': { checks: 'the evaluation is in the mock\'s records (not visible to a client)', holds: async (app) => {
    const c = await customer(app, 'u1');
    const r = await call(app, 'saveSatisfaction', { headers: c.headers, body: { channel: 'WEB', userId: c.userId, evaluation: '5', comment: 'ok', channelConfigId: creds(app).channelConfigId } });
    return r.body.resultCode === '0' && app.mock.store.records.satisfaction.length === 1;
  } },
  'customer-text-not-kept': { checks: 'the customer\'s text is kept for the call (not visible to a client)', holds: async (app) => {
    const c = await customer(app, 'u1');
    await inCall(app, c);
    const r = await send(app, c, 'CHAT', 'for the agent');
    const kept = app.mock.store.users.get(c.userId)?.session?.customerMessages.map((m) => m.content) ?? [];
    return r.body.resultCode === '0' && kept.includes('for the agent');
  } },
};
