// What a monitor also watches: the TLS certificate the tenant (and its CC-Gateway) serve. Read on every night with a
// TLS handshake of its own (node:tls; the certificate is read whether or not it is trusted: trust is the suite's
// business, CEC_INSECURE_TLS); a certificate ending within CEC_HEALTH_CERT_DAYS days is a warning on the page and in
// an alert, never a failure. A host that cannot be read is noted, never a failure either (the checks judge reachability).
import { connect } from 'node:tls';
import { isIP } from 'node:net';

export interface CertificateInfo {
  /** host:port */
  endpoint: string;
  /** ISO time the certificate ends (valid_to). */
  validTo?: string;
  daysLeft?: number;
  subject?: string;
  issuer?: string;
  /** Whether Node's default trust accepted it, and why not. */
  trusted?: boolean;
  trustError?: string;
  /** It ends within the warning window (or has ended). */
  warning?: string;
  /** The handshake failed: why. */
  error?: string;
}

const DAY_MS = 86_400_000;

/** How a certificate warning's finding signature starts (the history and the alert policy recognise it by this). */
export const CERTIFICATE_FINDING = 'certificate: ';

/** The distinct https endpoints of the given URLs (http ones have no certificate). */
export function tlsEndpoints(urls: ReadonlyArray<string | undefined>): Array<{ host: string; port: number }> {
  const seen = new Map<string, { host: string; port: number }>();
  for (const u of urls) {
    if (!u) continue;
    let url: URL;
    try { url = new URL(u); } catch { continue; }
    if (url.protocol !== 'https:') continue;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 443);
    seen.set(`${host}:${port}`, { host, port });
  }
  return [...seen.values()];
}

export function readCertificate(host: string, port: number, warnDays: number, now = Date.now(), timeoutMs = 10_000): Promise<CertificateInfo> {
  const endpoint = `${host}:${port}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    const done = (info: CertificateInfo): void => {
      socket.destroy();
      resolve(info);
    };
    socket.setTimeout(timeoutMs, () => done({ endpoint, error: `no TLS handshake within ${timeoutMs} ms` }));
    socket.once('error', (e) => done({ endpoint, error: e.message }));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      if (!cert || !cert.valid_to) return done({ endpoint, error: 'the server sent no certificate' });
      const end = Date.parse(cert.valid_to);
      const daysLeft = Math.floor((end - now) / DAY_MS);
      const cn = (x: unknown): string | undefined => {
        const v = (x as Record<string, string | string[]> | undefined)?.CN;
        return Array.isArray(v) ? v[0] : v;
      };
      const validTo = new Date(end).toISOString();
      done({
        endpoint, validTo, daysLeft, subject: cn(cert.subject), issuer: cn(cert.issuer), trusted: socket.authorized,
        ...(socket.authorized ? {} : { trustError: String(socket.authorizationError) }),
        ...(daysLeft <= warnDays ? { warning: daysLeft < 0 ? `the TLS certificate of ${endpoint} ended on ${validTo.slice(0, 10)}` : `the TLS certificate of ${endpoint} ends on ${validTo.slice(0, 10)}, in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (warned within ${warnDays})` } : {}),
      });
    });
  });
}

export function readCertificates(urls: ReadonlyArray<string | undefined>, warnDays: number, now = Date.now()): Promise<CertificateInfo[]> {
  return Promise.all(tlsEndpoints(urls).map((e) => readCertificate(e.host, e.port, warnDays, now)));
}
