// Forwards one HTTP request to an upstream server (the mock tenant) and streams its answer back, with a hook to
// change the answer's status line and headers on the way: the relabelling proxy of the broken-tenant fixtures.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';

export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
}

/** Sends `req` to `upstream` (same path and query) and pipes the answer to `res`, after `rewrite` if given. */
export function forward(req: IncomingMessage, res: ServerResponse, upstream: string, rewrite: (a: UpstreamAnswer) => UpstreamAnswer = (a) => a): void {
  const target = new URL(req.url ?? '/', upstream);
  const client = target.protocol === 'https:' ? https : http;
  const out = client.request(target, { method: req.method, headers: { ...req.headers, host: target.host }, rejectUnauthorized: false }, (answer) => {
    const { status, headers } = rewrite({ status: answer.statusCode ?? 502, headers: answer.headers });
    res.writeHead(status, headers);
    answer.pipe(res);
  });
  out.on('error', (e) => {
    if (res.headersSent) res.destroy(e);
    else res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`proxy: upstream ${upstream} failed: ${e.message}`);
  });
  req.pipe(out);
}
