// Newman's JSON reporter output (`newman run … -r json`: the run summary, run.executions[] with the request sent and
// the response received, as the postman-collection SDK serialises them) and Postman exports that carry responses (a
// collection whose requests hold saved responses with their originalRequest), read into traffic entries.
import { headerRecord, type TrafficEntry } from './entry.js';

interface PmPair { key?: string; value?: unknown; disabled?: boolean }
type PmUrl = string | { raw?: string; protocol?: string; host?: string[] | string; port?: string | number; path?: string[] | string; query?: PmPair[] };
interface PmRequest { method?: string; url?: PmUrl; header?: PmPair[]; body?: { mode?: string; raw?: string; urlencoded?: PmPair[]; disabled?: boolean } }
interface PmResponse {
  code?: number;
  header?: PmPair[];
  /** Buffer.toJSON() or base64 (newman), or absent when `body` holds the text. */
  stream?: { type?: string; data?: number[] | string };
  body?: string;
  responseSize?: number;
  originalRequest?: PmRequest;
}
interface Execution { item?: { name?: string }; request?: PmRequest; response?: PmResponse; requestError?: unknown }
interface PmItem { name?: string; item?: PmItem[]; request?: PmRequest | string; response?: PmResponse[] }

export interface NewmanRun { run: { executions: Execution[] } }
export interface PostmanCollection { info: { schema?: string; name?: string }; item: PmItem[] }

export const isNewmanRun = (doc: unknown): doc is NewmanRun => Array.isArray((doc as NewmanRun | null)?.run?.executions);
export const isPostmanCollection = (doc: unknown): doc is PostmanCollection =>
  typeof (doc as PostmanCollection | null)?.info === 'object' && Array.isArray((doc as PostmanCollection).item);

const enabled = (list: PmPair[] | undefined): PmPair[] => (list ?? []).filter((p) => !p.disabled && typeof p.key === 'string');
const headersOf = (list: PmPair[] | undefined): Record<string, string> => headerRecord(enabled(list).map((p) => ({ name: p.key!, value: String(p.value ?? '') })));
const segments = (v: string[] | string | undefined, sep: string): string => (Array.isArray(v) ? v.join(sep) : v ?? '');

/** The URL a request was sent to: the structured parts (variables resolved by the run), else the raw text. */
export function urlOf(url: PmUrl | undefined): string {
  if (url === undefined) return '';
  if (typeof url === 'string') return url;
  const host = segments(url.host, '.');
  if (!host) return url.raw ?? '';
  const query = enabled(url.query).map((p) => (p.value === null || p.value === undefined ? p.key! : `${p.key!}=${String(p.value)}`)).join('&');
  const path = segments(url.path, '/');
  return `${url.protocol ?? 'https'}://${host}${url.port ? `:${url.port}` : ''}${path ? `/${path.replace(/^\//, '')}` : ''}${query ? `?${query}` : ''}`;
}

function requestBodyOf(body: PmRequest['body']): string | undefined {
  if (!body || body.disabled || !body.mode) return undefined;
  if (body.mode === 'raw') return body.raw ?? '';
  if (body.mode === 'urlencoded') return enabled(body.urlencoded).map((p) => `${encodeURIComponent(p.key!)}=${encodeURIComponent(String(p.value ?? ''))}`).join('&');
  return `[${body.mode} body]`; // form data, a file, GraphQL: not the JSON the API reads
}

function responseBytesOf(res: PmResponse): Buffer {
  const s = res.stream;
  if (s?.type === 'Buffer' && Array.isArray(s.data)) return Buffer.from(s.data);
  if (s?.type === 'Base64' && typeof s.data === 'string') return Buffer.from(s.data, 'base64');
  return Buffer.from(res.body ?? '', 'utf8');
}

function entryOf(req: PmRequest, res: PmResponse | undefined, label: string | undefined): TrafficEntry {
  const requestBody = requestBodyOf(req.body);
  const bytes = res ? responseBytesOf(res) : Buffer.alloc(0);
  return {
    method: String(req.method ?? 'GET').toUpperCase(),
    url: urlOf(req.url),
    requestHeaders: headersOf(req.header),
    ...(requestBody !== undefined ? { requestBody } : {}),
    status: typeof res?.code === 'number' && res.code > 0 ? res.code : null,
    responseHeaders: headersOf(res?.header),
    responseBody: bytes.toString('utf8'),
    responseBytes: Math.max(bytes.length, res?.responseSize ?? 0),
    ...(res && bytes.length === 0 && (res.responseSize ?? 0) > 0 ? { responseBodyIncomplete: true } : {}),
    ...(label ? { label } : {}),
  };
}

/** The executions of a Newman run, in run order (a request that got no answer has status null). */
export function readNewmanRun(doc: NewmanRun): TrafficEntry[] {
  return doc.run.executions.filter((x) => x.request).map((x) => entryOf(x.request!, x.requestError ? undefined : x.response, x.item?.name));
}

/** The saved responses of a Postman collection (folders walked in order), each with the request it answered. */
export function readPostmanCollection(doc: PostmanCollection): TrafficEntry[] {
  const out: TrafficEntry[] = [];
  const walk = (items: PmItem[], path: string[]): void => {
    for (const it of items) {
      const here = [...path, it.name ?? ''].filter(Boolean);
      if (it.item) walk(it.item, here);
      for (const res of it.response ?? []) {
        const req = res.originalRequest ?? (typeof it.request === 'object' ? it.request : { url: it.request });
        out.push(entryOf(req, res, here.join(' › ')));
      }
    }
  };
  walk(doc.item, []);
  return out;
}
