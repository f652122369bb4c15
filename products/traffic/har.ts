// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), what browsers' dev tools and proxies export: read into
// traffic entries, and written from the suite's exchange records (src/contract/exchange.ts) so any recorded run can
// be exported and checked like a client's traffic. Records are masked; a masked value stays masked in the HAR.
//
// The suite's own fields ride in `_cec` (HAR allows custom fields that start with an underscore): the operation the
// request was meant for, whether the suite sent it unvalidated (a negative or positive test's variant: `raw`) and what
// it changed,
// the test, and whether a body was cut in the record.
import type { ExchangeRecord } from '../../src/contract/exchange.js';
import { headerRecord, utf8Bytes, type TrafficEntry } from './entry.js';

export interface HarHeader { name: string; value: string }

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: HarHeader[];
    queryString: HarHeader[];
    cookies: unknown[];
    headersSize: number;
    bodySize: number;
    postData?: { mimeType: string; text?: string; comment?: string };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: HarHeader[];
    cookies: unknown[];
    content: { size: number; mimeType: string; text?: string; encoding?: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
  _cec?: HarCec;
}

/** What the suite's export adds to an entry. */
export interface HarCec {
  operationId: string | null;
  raw: boolean;
  variant?: string;
  test?: string;
  requestBodyTruncated?: boolean;
  responseBodyTruncated?: boolean;
}

export interface Har {
  log: { version: string; creator: { name: string; version: string; comment?: string }; comment?: string; entries: HarEntry[] };
}

export const isHar = (doc: unknown): doc is Har => Array.isArray((doc as Har | null)?.log?.entries);

const pairs = (h: unknown): HarHeader[] => (Array.isArray(h) ? h.filter((x): x is HarHeader => typeof x?.name === 'string').map((x) => ({ name: x.name, value: String(x.value ?? '') })) : []);

/** The entries of a HAR document, in file order. */
export function readHar(har: Har): TrafficEntry[] {
  return har.log.entries.map((e) => {
    const req = e.request ?? ({} as HarEntry['request']);
    const res = e.response ?? ({} as HarEntry['response']);
    const content = res.content ?? ({ size: 0, mimeType: '' } as HarEntry['response']['content']);
    const bytes = content.text === undefined ? undefined : content.encoding === 'base64' ? Buffer.from(content.text, 'base64') : Buffer.from(content.text, 'utf8');
    const size = typeof content.size === 'number' && content.size >= 0 ? content.size : bytes?.length ?? 0;
    const status = typeof res.status === 'number' && res.status > 0 ? res.status : null;
    const cec = e._cec;
    return {
      method: String(req.method ?? 'GET').toUpperCase(),
      url: String(req.url ?? ''),
      requestHeaders: headerRecord(pairs(req.headers)),
      ...(req.postData?.text !== undefined ? { requestBody: req.postData.text } : {}),
      ...(cec?.requestBodyTruncated ? { requestBodyIncomplete: true } : {}),
      status,
      responseHeaders: headerRecord(pairs(res.headers)),
      responseBody: bytes?.toString('utf8') ?? '',
      responseBytes: Math.max(size, bytes?.length ?? 0),
      // A body the file left out (dev tools do for large or binary answers), or one the record cut.
      ...((bytes === undefined && size > 0) || cec?.responseBodyTruncated ? { responseBodyIncomplete: true } : {}),
      ...(cec?.raw ? { variant: cec.variant ?? 'raw request' } : {}),
      ...(cec?.test ? { label: cec.test } : {}),
    };
  });
}

const bodyText = (body: unknown): string | undefined => (body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
const headerList = (h: Record<string, string> | undefined): HarHeader[] => Object.entries(h ?? {}).map(([name, value]) => ({ name, value }));
const headerValue = (h: Record<string, string> | undefined, name: string): string | undefined =>
  Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

function queryOf(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** One exchange record as a HAR entry. */
export function recordToHarEntry(r: ExchangeRecord): HarEntry {
  const reqText = bodyText(r.request.body);
  const resText = bodyText(r.response?.body);
  const cec: HarCec = {
    operationId: r.operationId, raw: r.raw, ...(r.variant ? { variant: r.variant } : {}),
    ...(r.test ? { test: `${r.test.file} › ${r.test.titlePath.join(' › ')}` } : {}),
    ...(r.request.bodyTruncated ? { requestBodyTruncated: true } : {}), ...(r.response?.bodyTruncated ? { responseBodyTruncated: true } : {}),
  };
  return {
    startedDateTime: r.startedAt,
    time: r.durationMs,
    request: {
      method: r.method, url: r.url, httpVersion: 'HTTP/1.1', headers: headerList(r.request.headers), queryString: queryOf(r.url), cookies: [],
      headersSize: -1, bodySize: reqText === undefined ? 0 : utf8Bytes(reqText),
      ...(reqText !== undefined ? { postData: { mimeType: headerValue(r.request.headers, 'content-type') ?? 'application/json', text: reqText } } : {}),
    },
    response: {
      status: r.status ?? 0, statusText: '', httpVersion: 'HTTP/1.1', headers: headerList(r.response?.headers), cookies: [],
      content: {
        size: resText === undefined ? 0 : utf8Bytes(resText), mimeType: headerValue(r.response?.headers, 'content-type') ?? '',
        ...(resText !== undefined ? { text: resText } : {}), ...(r.response?.bodyTruncated ? { comment: 'cut in the suite\'s record' } : {}),
      },
      redirectURL: '', headersSize: -1, bodySize: resText === undefined ? 0 : utf8Bytes(resText),
      ...(r.status === null ? { _error: r.error ?? 'no answer' } : {}),
    },
    cache: {},
    timings: { send: 0, wait: r.durationMs, receive: 0 },
    ...(r.raw ? { comment: `sent unvalidated by the suite: ${r.variant ?? 'raw request'}` } : {}),
    _cec: cec,
  };
}

/** A recorded run (the records of reports/exchanges/*.jsonl) as one HAR 1.2 document, in the order they were sent. */
export function exchangesToHar(records: readonly ExchangeRecord[], creator = { name: 'cec-web-client-conformance', version: '0.1.0' }): Har {
  const entries = [...records].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map(recordToHarEntry);
  return { log: { version: '1.2', creator, comment: 'Exported from the suite\'s exchange records; secrets are masked as ***.', entries } };
}
