// Broken tenants as small real HTTP servers on a free loopback port, for the suite benchmark (npm run bench:suite)
// and self-tests: each is one way a tenant (or what stands in front of it) goes wrong in production, and the suite
// and the health check must say so quickly and rightly. Start one, point CEC_BASE_URL at its url, stop it after.
//
//   const t = await startBrokenTenant('gateway-502');            // http://127.0.0.1:<port>
//   const p = await startBrokenTenant('text-plain', { upstream: mock.url });
//   …; await t.stop();
//
// The proxies (text-plain, ccmessaging-503, and slow with an upstream) forward to a running mock tenant.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { forward } from './forward.js';

export const BROKEN_TENANTS = {
  'gateway-502': { needsUpstream: false, what: 'a gateway answering every request 502 Bad Gateway with an HTML page' },
  'text-plain': { needsUpstream: true, what: 'a proxy in front of the mock that labels every JSON answer text/plain' },
  'ccmessaging-503': { needsUpstream: true, what: 'tokenByAkSk works (proxied to the mock); every /apiaccess/ccmessaging/* call answers 503 with Retry-After: 1' },
  'huge-json': { needsUpstream: false, what: 'answers every request 200 JSON with a 64 MiB string field' },
  'not-json': { needsUpstream: false, what: 'answers every request 200 with an HTML sign-in page, not JSON' },
  'hang': { needsUpstream: false, what: 'accepts connections and never answers' },
  'reset': { needsUpstream: false, what: 'resets every connection (TCP RST) once the request arrives' },
  'slow': { needsUpstream: false, what: 'answers after 20 s (proxied to the mock when given one, else 200 {"resultCode":"0"})' },
} as const;

export type BrokenTenantName = keyof typeof BROKEN_TENANTS;
export const BROKEN_TENANT_NAMES = Object.keys(BROKEN_TENANTS) as BrokenTenantName[];

export interface BrokenTenantOptions {
  /** The tenant behind a proxy (text-plain, ccmessaging-503; optional for slow). */
  upstream?: string;
  /** slow: how long before it answers (default 20 s). */
  delayMs?: number;
  /** huge-json: the length of the string field (default 64 MiB). */
  hugeBytes?: number;
  host?: string;
}

export interface BrokenTenant {
  name: BrokenTenantName;
  url: string;
  stop(): Promise<void>;
}

export const MIB = 1024 * 1024;

const BAD_GATEWAY_HTML = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const UNAVAILABLE_HTML = '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const SIGN_IN_HTML = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>\n<body><form method="post" action="/login"><input name="user"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';

/** A JSON object whose one string field is `bytes` long: built once, sent as is to every client. */
export function hugeJsonBody(bytes: number, field = 'resultDesc'): Buffer {
  return Buffer.concat([Buffer.from(`{"resultCode":"0","${field}":"`), Buffer.alloc(bytes, 'x'), Buffer.from('"}')]);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Answers once the request body is in (answering before it would reset clients that are still sending). */
const afterBody = (handler: Handler): Handler => (req, res) => {
  req.on('error', () => undefined);
  req.resume();
  req.on('end', () => handler(req, res));
};

function listening(server: net.Server, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve(`http://${host}:${(server.address() as AddressInfo).port}`);
    });
  });
}

const closed = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

async function httpTenant(name: BrokenTenantName, host: string, handler: Handler, onStop: () => void = () => undefined): Promise<BrokenTenant> {
  // No server-side timeouts: a slow tenant must be as slow as it says.
  const server = http.createServer({ requestTimeout: 0, headersTimeout: 0, keepAliveTimeout: 5_000 }, handler);
  server.on('clientError', (_e, socket) => socket.destroy());
  const url = await listening(server, host);
  return {
    name, url,
    stop: async () => {
      onStop();
      server.closeAllConnections();
      await closed(server);
    },
  };
}

async function tcpTenant(name: BrokenTenantName, host: string, onSocket: (s: Socket) => void): Promise<BrokenTenant> {
  const sockets = new Set<Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onSocket(s);
  });
  const url = await listening(server, host);
  return {
    name, url,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await closed(server);
    },
  };
}

const needs = (name: BrokenTenantName, upstream: string | undefined): string => {
  if (!upstream) throw new Error(`broken tenant "${name}" is a proxy: give it the upstream tenant (options.upstream)`);
  return upstream;
};

/** Starts the broken tenant `name` on a free port of `options.host` (default 127.0.0.1). */
export async function startBrokenTenant(name: BrokenTenantName, options: BrokenTenantOptions = {}): Promise<BrokenTenant> {
  const host = options.host ?? '127.0.0.1';
  switch (name) {
    case 'gateway-502':
      return httpTenant(name, host, afterBody((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html', server: 'nginx' }).end(BAD_GATEWAY_HTML);
      }));
    case 'text-plain': {
      const upstream = needs(name, options.upstream);
      return httpTenant(name, host, (req, res) => forward(req, res, upstream, ({ status, headers }) => ({
        status,
        headers: /json/i.test(String(headers['content-type'] ?? '')) ? { ...headers, 'content-type': 'text/plain; charset=utf-8' } : headers,
      })));
    }
    case 'ccmessaging-503': {
      const upstream = needs(name, options.upstream);
      return httpTenant(name, host, (req, res) => {
        if (!(req.url ?? '').startsWith('/apiaccess/ccmessaging/')) return forward(req, res, upstream);
        afterBody(() => res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '1', server: 'nginx' }).end(UNAVAILABLE_HTML))(req, res);
      });
    }
    case 'huge-json': {
      const body = hugeJsonBody(options.hugeBytes ?? 64 * MIB);
      return httpTenant(name, host, afterBody((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': body.length }).end(body);
      }));
    }
    case 'not-json':
      return httpTenant(name, host, afterBody((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SIGN_IN_HTML);
      }));
    case 'hang':
      return tcpTenant(name, host, () => undefined);
    case 'reset':
      return tcpTenant(name, host, (s) => s.once('data', () => s.resetAndDestroy()));
    case 'slow': {
      const delayMs = options.delayMs ?? 20_000;
      const timers = new Set<NodeJS.Timeout>();
      const later = (fn: () => void): void => {
        const t = setTimeout(() => { timers.delete(t); fn(); }, delayMs);
        timers.add(t);
      };
      const upstream = options.upstream;
      return httpTenant(name, host, (req, res) => {
        if (upstream) {
          // Hold the request (its body waits in the socket), then forward it as it came.
          req.pause();
          later(() => forward(req, res, upstream));
        } else {
          afterBody(() => later(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"resultCode":"0"}')))(req, res);
        }
      }, () => { for (const t of timers) clearTimeout(t); timers.clear(); });
    }
  }
}
