// A web chat client's traffic, written the way a browser's dev tools (HAR 1.2) and Newman's JSON reporter write it:
// a lawful session (AK/SK token, client token, CONNECT with an extra field, satisfaction; the agent signs in and
// answers) between a page's own requests, with distinctive secrets wherever the client puts them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TENANT = 'https://tenant.example.com';
export const GATEWAY = 'https://cc-gateway.example.com:8043';

/** The secrets the traffic carries: none of them may appear in anything the check writes. */
export const SECRETS = {
  appSecret: 'TrafficSkZq81x',
  accessToken: 'TrafficAccessZq92',
  ccmessagingToken: 'TrafficCcmZq73',
  guid: 'TrafficGuidZq64',
  password: 'TrafficPassZq55',
};

export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  response: unknown;
}

const JSON_TYPE = { 'Content-Type': 'application/json;charset=UTF-8' };
const customer = { 'x-app-key': 'traffic-app-key', Authorization: `Bearer ${SECRETS.accessToken}`, 'ccmessaging-token': SECRETS.ccmessagingToken };
const ok = (response: unknown, headers: Record<string, string> = {}): Pick<Exchange, 'status' | 'responseHeaders' | 'response'> =>
  ({ status: 200, responseHeaders: { 'content-type': 'application/json;charset=UTF-8', ...headers }, response });

export const CONNECT = {
  channel: 'WEB', content: '', controlType: 'CONNECT', from: 'session_1_user_1', mediaType: 'TEXT', senderNickname: 'user_1',
  sourceType: 'CUSTOMER', timestamp: '1619573122352', to: '1011577355744904195', transData: '{"orderId":"42"}',
};
export const SATISFACTION = { channel: 'WEB', userId: 'user_1', evaluation: '5', comment: 'Quick and kind', channelConfigId: '1011577355744904195' };

/** The session, in the order the client sent it. */
export function session(): Exchange[] {
  return [
    { method: 'GET', url: 'https://www.example.com/chat', headers: {}, ...ok('<html>the page</html>', { 'content-type': 'text/html' }) },
    {
      method: 'POST', url: `${TENANT}/apigovernance/api/oauth/tokenByAkSk`, headers: { ...JSON_TYPE }, body: { app_key: 'traffic-app-key', app_secret: SECRETS.appSecret },
      ...ok({ AccessToken: SECRETS.accessToken, ApplyType: 'Bearer', CreateTime: '1545650171', Expires: '600', Scope: 'chat', AppKey: 'traffic-app-key', UserID: 'Anonymous' }),
    },
    {
      method: 'POST', url: `${TENANT}/apiaccess/ccmessaging/applyToken`, headers: { ...JSON_TYPE, 'x-app-key': 'traffic-app-key', Authorization: `Bearer ${SECRETS.accessToken}` },
      body: { userId: 'user_1', userName: 'user_1', channelId: '1011577355744904195', locale: 'en_US' }, ...ok({ token: SECRETS.ccmessagingToken }),
    },
    { method: 'GET', url: 'https://cdn.example.com/widget.js', headers: {}, ...ok('console.log(1)', { 'content-type': 'text/javascript' }) },
    { method: 'POST', url: `${TENANT}/apiaccess/ccmessaging/send`, headers: { ...JSON_TYPE, ...customer }, body: CONNECT, ...ok({ resultCode: '0', resultDesc: 'connect to robot success.' }) },
    {
      method: 'PUT', url: `${GATEWAY}/agentgateway/resource/onlineagent/1001`, headers: { ...JSON_TYPE },
      body: { password: SECRETS.password, phonenum: '88880001', status: '5', releasephone: false, agenttype: '4', autoenteridle: true },
      ...ok({ retcode: '0', message: 'success' }, { 'Set-GUID': `JSESSIONID=${SECRETS.guid}` }),
    },
    {
      method: 'POST', url: `${GATEWAY}/agentgateway/resource/mediacall/1001/sendmessage`, headers: { ...JSON_TYPE, Guid: SECRETS.guid },
      body: { callid: '1552524689-16797284', data: '{"content":"hello"}' }, ...ok({ retcode: '0', message: 'success' }),
    },
    { method: 'POST', url: `${TENANT}/apiaccess/ccmessaging/saveSatisfaction`, headers: { ...JSON_TYPE, ...customer }, body: SATISFACTION, ...ok({ resultCode: '0' }) },
    { method: 'POST', url: 'https://analytics.example.com/collect', headers: { ...JSON_TYPE }, body: { event: 'chat-closed' }, status: 204, responseHeaders: {}, response: '' },
  ];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const pairs = (h: Record<string, string>, key: 'name' | 'key'): Array<Record<string, string>> => Object.entries(h).map(([k, value]) => ({ [key]: k, value }));

/** HAR 1.2, as Chromium's dev tools export it (response bodies included). */
export function har(exchanges: readonly Exchange[]): object {
  return {
    log: {
      version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [],
      entries: exchanges.map((x, i) => ({
        startedDateTime: new Date(Date.UTC(2025, 0, 1, 10, 0, i)).toISOString(), time: 42,
        request: {
          method: x.method, url: x.url, httpVersion: 'http/2.0', headers: [{ name: ':authority', value: new URL(x.url).host }, ...pairs(x.headers, 'name')],
          queryString: [...new URL(x.url).searchParams].map(([name, value]) => ({ name, value })), cookies: [], headersSize: -1, bodySize: x.body === undefined ? 0 : text(x.body).length,
          ...(x.body !== undefined ? { postData: { mimeType: 'application/json;charset=UTF-8', text: text(x.body) } } : {}),
        },
        response: {
          status: x.status, statusText: '', httpVersion: 'http/2.0', headers: pairs(x.responseHeaders, 'name'), cookies: [],
          content: { size: Buffer.byteLength(text(x.response)), mimeType: x.responseHeaders['content-type'] ?? 'x-unknown', text: text(x.response) },
          redirectURL: '', headersSize: -1, bodySize: -1,
        },
        cache: {}, timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 40, receive: 2 },
      })),
    },
  };
}

/** Newman's JSON reporter (`newman run … -r json`): the run summary with each request as sent and the response stream. */
export function newmanRun(exchanges: readonly Exchange[]): object {
  return {
    collection: { info: { name: 'web chat' }, item: [] },
    run: {
      stats: { requests: { total: exchanges.length, pending: 0, failed: 0 } },
      executions: exchanges.map((x, i) => {
        const u = new URL(x.url);
        const body = Buffer.from(text(x.response), 'utf8');
        return {
          cursor: { position: i }, item: { name: `step ${i + 1}` },
          request: {
            url: { protocol: u.protocol.replace(':', ''), port: u.port || undefined, path: u.pathname.split('/').filter(Boolean), host: u.hostname.split('.'), query: [...u.searchParams].map(([key, value]) => ({ key, value })), variable: [] },
            header: [...pairs(x.headers, 'key'), { key: 'User-Agent', value: 'PostmanRuntime/7.39.0' }],
            method: x.method, ...(x.body !== undefined ? { body: { mode: 'raw', raw: text(x.body), options: { raw: { language: 'json' } } } } : {}),
          },
          response: { id: `r${i}`, status: 'OK', code: x.status, header: pairs(x.responseHeaders, 'key'), stream: { type: 'Buffer', data: [...body] }, cookie: [], responseTime: 40, responseSize: body.length },
          id: `e${i}`, assertions: [],
        };
      }),
      failures: [],
    },
  };
}

export const writeJson = (dir: string, name: string, doc: object): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
};
