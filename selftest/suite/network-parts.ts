// Real network parts for the network self-tests: a forward proxy on loopback that counts what passes through it (Node's
// own http server: absolute-URI requests and CONNECT tunnels), a private CA with a server and a client certificate
// (selfsigned, signed by the CA), and the mock tenant served over TLS asking for a client certificate.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { buildApp } from '../../mock/app.js';

export interface CountingProxy {
  url: string;
  /** Requests and tunnels that passed through. */
  count(): number;
  stop(): Promise<void>;
}

/**
 * A forward proxy on 127.0.0.1; `hosts` maps names only it can resolve (e.g. tenant.invalid) to addresses, so a
 * tenant at such a name is reachable only through it.
 */
export async function startCountingProxy(hosts: Record<string, string> = {}): Promise<CountingProxy> {
  let count = 0;
  const sockets = new Set<Socket>();
  const resolveHost = (h: string): string => hosts[h] ?? h;
  const server: Server = createServer((req, res) => {
    count++;
    const target = new URL(req.url ?? '/');
    const upstream = httpRequest({ host: resolveHost(target.hostname), port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    count++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), resolveHost(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => count,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface Pki {
  caFile: string;
  serverKey: string;
  serverCert: string;
  caCert: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** The passphrase the client key is encrypted with. */
  passphrase: string;
}

/** A CA of the test's own, a server certificate for localhost/127.0.0.1 and a client certificate, both signed by it. */
export async function makePki(dir: string, passphrase: string): Promise<Pki> {
  const ca = await generate([{ name: 'commonName', value: 'CEC self-test CA' }], {
    algorithm: 'sha256', keySize: 2048,
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], { algorithm: 'sha256', keySize: 2048, ca: { key: ca.private, cert: ca.cert } });
  const client = await generate([{ name: 'commonName', value: 'cec-selftest-client' }], { algorithm: 'sha256', keySize: 2048, ca: { key: ca.private, cert: ca.cert }, passphrase });
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return {
    caFile: file('ca.pem', ca.cert), caCert: ca.cert, serverKey: server.private, serverCert: server.cert,
    clientCertFile: file('client.pem', client.cert), clientKeyFile: file('client-key.pem', client.private), passphrase,
  };
}

/** The mock tenant over TLS on 127.0.0.1 with the PKI's server certificate, answering only clients the CA vouches for. */
export async function startMutualTlsMock(pki: Pki): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = buildApp({ port: 0, host: '127.0.0.1', admin: true, agentDelayMs: 100, logLevel: 'error', tls: { key: pki.serverKey, cert: pki.serverCert, ca: pki.caCert, requestCert: true, rejectUnauthorized: true } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return { url: `https://127.0.0.1:${port}`, stop: async () => { await app.close(); } };
}
