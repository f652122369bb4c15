// Request validation across every operation, driven by the spec: malformed JSON, missing fields and wrong types are
// 400 (a retcode on the CC-Gateway); undocumented properties are ignored with a note (400 under strict requests);
// withheld mandatory credentials are 401; unknown paths are 404; and no request makes the mock answer 5xx.
import { expect, test } from '@playwright/test';
import { operations } from '../../src/contract/contract.js';
import { validateResponseBody } from '../../src/contract/validators.js';
import { call, creds, customer, mockApp, sendBody, type App, type CallOptions, type Customer } from './helpers.js';

/** A valid request of every operation, for a signed-in customer. */
function validRequests(app: App, c: Customer): Record<string, CallOptions> {
  const { appKey, appSecret, channelConfigId, agentId, agentGuid, agentPassword, agentPhone } = creds(app);
  const h = c.headers;
  const agent = { params: { agentid: agentId }, headers: { Guid: agentGuid } };
  return {
    tokenByAkSk: { body: { app_key: appKey, app_secret: appSecret } },
    applyToken: { headers: h, body: { userId: c.userId, userName: 'n', channelId: channelConfigId, locale: 'en_US' } },
    queryQueueInfo: { headers: h, body: { userId: c.userId, channelConfigId, channel: 'WEB' } },
    poll: { headers: h, query: { receiverId: c.userId, channel: 'WEB' } },
    saveSatisfaction: { headers: h, body: { channel: 'WEB', userId: c.userId, evaluation: '5', comment: 'ok', channelConfigId } },
    send: { headers: h, body: sendBody(app, c, 'CONNECT') },
    uploadFileStream: { headers: h, body: { fileType: 'txt', channel: 'WEB', fileStream: 'aGk=' } },
    downloadFileStream: { headers: h, body: { fileId: 'x', channel: 'WEB', fileType: 'txt' } },
    queryPhraseByKeyword: { headers: h, body: { strContent: 'order', locale: 'en', channel: 'WEB' } },
    createClickToCall: { headers: h, body: { channel: 'WEB', mediaAbility: '0' } },
    getClickToCallEvents: { headers: h, query: { channel: 'WEB' } },
    checkClickToCallSupport: { headers: h, query: { channel: 'WEB' } },
    dropClickToCall: { headers: h, body: { channel: 'WEB' } },
    doLeaveMessage: { headers: h, body: { callId: c.userId, caller: '123', leaveMessage: 'call me', channel: 'WEB' } },
    createMobileAgentCall: { headers: h, body: { called: '123', callerPresent: '456' } },
    feedbackSatisfaction: { headers: h, body: { feedback: 1, from: c.userId, interIdx: '1' } },
    agentSignIn: { params: { agentid: agentId }, body: { password: agentPassword, phonenum: agentPhone } },
    agentSignOut: agent,
    sendMessage: { ...agent, body: { callid: 'c', data: 'x' } },
  };
}

const ops = [...operations().values()];
const withBody = ops.filter((o) => o.requestSchemaPointer);

test.describe('request validation', () => {
  test('every operation has a valid request here, and it is answered 200 with a body valid against the spec', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const requests = validRequests(app, c);
    expect(Object.keys(requests).sort()).toEqual(ops.map((o) => o.operationId).sort());
    for (const op of ops) {
      const r = await call(app, op.operationId, requests[op.operationId]);
      expect(r.status, op.operationId).toBe(200);
      expect(validateResponseBody(op.operationId, 200, r.body).errors, op.operationId).toEqual([]);
    }
  });

  test('an undocumented property is ignored on every operation, with an X-Mock-Note naming it; strict requests refuse it naming it', async () => {
    const app = await mockApp();
    const strict = await mockApp({ strictRequests: true });
    for (const target of [app, strict]) {
      const c = await customer(target, 'u1');
      const requests = validRequests(target, c);
      for (const op of withBody) {
        const base = requests[op.operationId];
        const r = await call(target, op.operationId, { ...base, body: { ...(base.body as object), transData: 'x' } });
        if (target === app) {
          expect(r.status, op.operationId).toBe(200);
          expect(r.headers['x-mock-note'], op.operationId).toBe('ignored unknown field "transData"');
        } else {
          expect(op.host === 'gateway' ? r.body.retcode : r.status, op.operationId).toEqual(op.host === 'gateway' ? expect.stringMatching(/^000-00[26]$/) : 400);
          expect(op.host === 'gateway' ? r.body.message : r.body.exceptionInfo, op.operationId).toContain('transData');
        }
      }
    }
  });

  test('malformed JSON, a missing mandatory field or a wrong type → 400 with errorCode/exceptionInfo', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const requests = validRequests(app, c);
    for (const op of withBody) {
      const base = requests[op.operationId];
      const body = base.body as Record<string, unknown>;
      const firstString = Object.keys(body).find((k) => typeof body[k] === 'string')!;
      const { [firstString]: _gone, ...missing } = body;
      const variants: Array<[string, CallOptions]> = [
        ['malformed JSON', { ...base, body: undefined, rawBody: '{"a":' }],
        ['a JSON array', { ...base, body: [body] }],
        [`missing ${firstString}`, { ...base, body: missing }],
        [`${firstString} as a number`, { ...base, body: { ...body, [firstString]: 42 } }],
      ];
      for (const [what, o] of variants) {
        const r = await call(app, op.operationId, o);
        if (op.host === 'gateway') {
          expect(r.status, `${op.operationId}: ${what}`).toBe(200);
          expect(r.body.retcode, `${op.operationId}: ${what}`).toMatch(/^000-00[26]$/);
        } else {
          expect(r.status, `${op.operationId}: ${what}`).toBe(400);
          expect(Object.keys(r.body).sort(), `${op.operationId}: ${what}`).toEqual(['errorCode', 'exceptionInfo']);
        }
      }
    }
  });

  test('a body that is not declared as JSON, or none where one is required → 400', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const r = await app.inject({ method: 'POST', url: '/apiaccess/ccmessaging/send', headers: { ...c.headers, 'content-type': 'text/plain' }, payload: JSON.stringify(sendBody(app, c, 'CONNECT')) });
    expect(r.statusCode).toBe(400);
    expect(r.json().exceptionInfo).toMatch(/Content-Type/);
    const empty = await app.inject({ method: 'POST', url: '/apiaccess/ccmessaging/send', headers: { ...c.headers, 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(400);
  });

  test('a body over the size limit → 400, not 413', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const r = await app.inject({ method: 'POST', url: '/apiaccess/ccmessaging/uploadFileStream', headers: { ...c.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ fileType: 'txt', channel: 'WEB', fileStream: 'A'.repeat(9 * 1024 * 1024) }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().errorCode).toEqual(expect.any(String));
  });

  test('withholding any mandatory credential → 401', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const requests = validRequests(app, c);
    const header: Record<string, string> = { appKey: 'x-app-key', fabricToken: 'authorization', ccmessagingToken: 'ccmessaging-token' };
    let checked = 0;
    for (const op of ops.filter((o) => o.host === 'cec')) {
      for (const scheme of op.mandatorySchemes) {
        const headers = { ...requests[op.operationId].headers };
        delete headers[header[scheme]];
        const r = await call(app, op.operationId, { ...requests[op.operationId], headers });
        expect(r.status, `${op.operationId} without ${scheme}`).toBe(401);
        expect(r.body.errorCode).toEqual(expect.any(String));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  test('optional credentials: absent is fine, present but invalid → 401 (queryQueueInfo, createClickToCall)', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const requests = validRequests(app, c);
    for (const opId of ['queryQueueInfo', 'createClickToCall']) {
      expect((await call(app, opId, { ...requests[opId], headers: {} })).status, opId).toBe(200);
      for (const [name, value] of [['x-app-key', 'wrong'], ['authorization', 'Bearer wrong'], ['ccmessaging-token', 'wrong']]) {
        expect((await call(app, opId, { ...requests[opId], headers: { ...c.headers, [name]: value } })).status, `${opId} ${name}`).toBe(401);
      }
    }
  });

  test('value rules where the operation documents a parameter-error code: queryQueueInfo "1", and 400 where it does not', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const requests = validRequests(app, c);
    const q = await call(app, 'queryQueueInfo', { ...requests.queryQueueInfo, body: { ...(requests.queryQueueInfo.body as object), channel: 'FAX' } });
    expect(q.status).toBe(200);
    expect(q.body.resultCode).toBe('1');
    const s = await call(app, 'send', { ...requests.send, body: { ...(requests.send.body as object), sourceType: 'AGENT' } });
    expect(s.status).toBe(400);
    const long = await call(app, 'send', { ...requests.send, body: { ...(requests.send.body as object), controlType: 'CHAT', content: 'x'.repeat(1025) } });
    expect(long.status).toBe(400);
    const poll = await call(app, 'poll', { headers: c.headers, query: { channel: 'FAX' } });
    expect(poll.status).toBe(400);
  });

  test('an unknown path, a wrong method or HEAD → 404 with a JSON body', async () => {
    const app = await mockApp();
    for (const [method, url] of [['GET', '/nope'], ['GET', '/apiaccess/ccmessaging/send'], ['POST', '/apiaccess/ccmessaging/poll'], ['HEAD', '/apiaccess/ccmessaging/poll'], ['POST', '/apiaccess/ccmessaging/send/'], ['POST', '/ccmessaging/v1/checkClickToCallSupport']] as const) {
      const r = await app.inject({ method, url });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      if (method !== 'HEAD') expect(r.json().errorCode, `${method} ${url}`).toEqual(expect.any(String));
    }
  });

  test('no request makes it answer 5xx: odd bodies, headers and parameters on every operation', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const requests = validRequests(app, c);
    const oddBodies: unknown[] = [null, 0, 'text', [], {}, { __proto__: { polluted: true } }, { constructor: { prototype: {} } }, { a: { b: { c: [1, 2, { d: null }] } } }];
    for (const op of ops) {
      const base = requests[op.operationId];
      const variants: CallOptions[] = [
        ...oddBodies.map((body) => ({ ...base, body, rawBody: JSON.stringify(body) })),
        { ...base, rawBody: '\u0000\uffff' },
        { ...base, headers: { ...base.headers, 'x-token-expire': '99999999999999999999', guid: 'JSESSIONID=' } },
        { ...base, query: { channel: 'WEB', receiverId: '\u00e9'.repeat(1000) } },
        { ...base, params: { agentid: '%2e%2e' } },
      ];
      for (const v of variants) {
        const r = await call(app, op.operationId, v);
        expect(r.status, `${op.operationId} ${JSON.stringify(v.rawBody ?? v.body)?.slice(0, 40)}`).toBeLessThan(500);
      }
    }
  });
});
