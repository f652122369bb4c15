// The network between the suite and a tenant, in one place: every client (the suite's request contexts, global
// setup's probe, the health check, the exploration) opens its Playwright request context with `contextOptions()`.
//
// - A forward proxy: HTTPS_PROXY (https tenants) / HTTP_PROXY (http tenants), lowercase forms first, as curl reads
//   them; NO_PROXY as Playwright's `bypass` (host suffixes; `*` turns the proxy off). Credentials in the proxy URL
//   (http://user:pass@proxy:3128) are Playwright's username/password, the password masked.
// - Mutual TLS: CEC_CLIENT_CERT + CEC_CLIENT_KEY (PEM files), or CEC_CLIENT_PFX (PKCS#12), with CEC_CLIENT_PASSPHRASE
//   for an encrypted key or PFX: Playwright's `clientCertificates`, for the tenant's and the CC-Gateway's origins.
// - A private CA: CEC_CA_FILE (PEM). Playwright's request context takes no CA of its own, and Node reads extra CAs
//   only when a process starts (NODE_EXTRA_CA_CERTS): the project's commands start their runs with it
//   (`caEnvironment`), and a process that makes requests without it is a configuration error, never a silent
//   "untrusted certificate" later.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigIssue, Env } from './issues.js';

export interface ProxySettings {
  server: string;
  /** NO_PROXY as Playwright's bypass: comma-separated host suffixes. */
  bypass?: string;
  username?: string;
  password?: string;
  /** The variable it came from (HTTPS_PROXY, http_proxy, …), for messages. */
  variable: string;
}

export interface ClientCertificate {
  certPath?: string;
  keyPath?: string;
  pfxPath?: string;
  passphrase?: string;
}

export interface NetworkSettings {
  proxy?: ProxySettings;
  /** A private CA (PEM) trusted besides the public ones: CEC_CA_FILE, absolute. */
  caFile?: string;
  clientCertificate?: ClientCertificate;
  /** CEC_INSECURE_TLS: any certificate accepted. */
  insecureTls: boolean;
}

/** What Playwright's request.newContext() takes of these settings (structurally its own option types). */
export interface ContextNetworkOptions {
  ignoreHTTPSErrors: boolean;
  proxy?: { server: string; bypass?: string; username?: string; password?: string };
  clientCertificates?: Array<{ origin: string } & ClientCertificate>;
}

const value = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

/** Hosts that never go through the proxy. */
export const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

/** The proxy variable for a URL scheme, lowercase first (curl's order), and its name. */
function proxyVariable(env: Env, scheme: 'https:' | 'http:'): { variable: string; value: string } | undefined {
  const names = scheme === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  for (const variable of names) {
    const v = value(env, variable);
    if (v) return { variable, value: v };
  }
  return undefined;
}

/** NO_PROXY (or no_proxy) as Playwright's bypass list; `*` means no proxy at all (undefined bypass, null result). */
export function bypassOf(noProxy: string | undefined): string | null | undefined {
  if (!noProxy?.trim()) return undefined;
  const hosts = noProxy.split(/[\s,]+/).map((h) => h.trim()).filter(Boolean);
  if (hosts.includes('*')) return null;
  // Playwright matches host suffixes without ports: "*.corp:8443" → ".corp"; "[::1]" → "::1".
  const cleaned = hosts.map((h) => h.replace(/^\*/, '').replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/:\d+$/, '')).filter(Boolean);
  return cleaned.length ? [...new Set(cleaned)].join(',') : undefined;
}

function readableFile(env: Env, name: string, issues: ConfigIssue[]): string | undefined {
  const path = value(env, name);
  if (path === undefined) return undefined;
  if (!existsSync(path)) {
    issues.push({ variable: name, message: `${path} does not exist: give the path of the file` });
    return undefined;
  }
  if (!statSync(path).isFile()) {
    issues.push({ variable: name, message: `${path} is not a file` });
    return undefined;
  }
  try {
    readFileSync(path);
  } catch (e) {
    issues.push({ variable: name, message: `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    return undefined;
  }
  return path;
}

/** The PEM certificates in `text` (one or more BEGIN CERTIFICATE blocks), parsed; throws when one is not. */
function certificatesOf(text: string): X509Certificate[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

/**
 * Reads the network settings of `env` for a tenant at `baseUrl`, each problem an issue naming its variable (the CA
 * is read here; whether this process trusts it is `caInEffect`'s to say).
 */
export function readNetwork(env: Env, baseUrl: string | undefined, issues: ConfigIssue[], insecureTls: boolean): NetworkSettings {
  const out: NetworkSettings = { insecureTls };

  const scheme = baseUrl?.startsWith('https:') ? 'https:' : 'http:';
  const proxyVar = proxyVariable(env, scheme);
  if (proxyVar) {
    let url: URL | undefined;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxyVar.value) ? proxyVar.value : `http://${proxyVar.value}`);
    } catch {
      issues.push({ variable: proxyVar.variable, message: 'is not a proxy URL: give it as http://host:port (or http://user:password@host:port)' });
    }
    if (url && !['http:', 'https:', 'socks5:', 'socks4:'].includes(url.protocol)) {
      issues.push({ variable: proxyVar.variable, message: `"${url.protocol}" is not a proxy scheme: use http://, https:// or socks5://` });
    } else if (url) {
      const bypass = bypassOf(value(env, 'no_proxy') ?? value(env, 'NO_PROXY'));
      if (bypass !== null) {
        out.proxy = {
          server: `${url.protocol}//${url.host}`,
          // This machine's loopback never goes through a proxy (as Go's clients and Playwright's browsers have it).
          bypass: [...new Set([...(bypass ? bypass.split(',') : []), ...LOOPBACK])].join(','),
          ...(url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : {}),
          variable: proxyVar.variable,
        };
      }
    }
  }

  const caFile = readableFile(env, 'CEC_CA_FILE', issues);
  if (caFile) {
    let certs: X509Certificate[] = [];
    try {
      certs = certificatesOf(readFileSync(caFile, 'utf8'));
      if (!certs.length) issues.push({ variable: 'CEC_CA_FILE', message: `${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----): give the CA's certificate in PEM` });
    } catch (e) {
      issues.push({ variable: 'CEC_CA_FILE', message: `${caFile} is not a PEM certificate: ${(e as Error).message}` });
    }
    if (certs.length) out.caFile = caFile;
  }

  const cert = readableFile(env, 'CEC_CLIENT_CERT', issues);
  const key = readableFile(env, 'CEC_CLIENT_KEY', issues);
  const pfx = readableFile(env, 'CEC_CLIENT_PFX', issues);
  const passphrase = value(env, 'CEC_CLIENT_PASSPHRASE');
  const given = (n: string): boolean => value(env, n) !== undefined;
  if (given('CEC_CLIENT_PFX') && (given('CEC_CLIENT_CERT') || given('CEC_CLIENT_KEY'))) {
    issues.push({ variable: 'CEC_CLIENT_PFX', message: 'set together with CEC_CLIENT_CERT / CEC_CLIENT_KEY: give either a PFX or a PEM certificate and key, not both' });
  } else if (given('CEC_CLIENT_CERT') !== given('CEC_CLIENT_KEY')) {
    const missing = given('CEC_CLIENT_CERT') ? 'CEC_CLIENT_KEY' : 'CEC_CLIENT_CERT';
    issues.push({ variable: missing, message: `required with ${missing === 'CEC_CLIENT_KEY' ? 'CEC_CLIENT_CERT' : 'CEC_CLIENT_KEY'}: a client certificate needs its certificate and its private key (PEM files)` });
  } else if (passphrase !== undefined && !given('CEC_CLIENT_PFX') && !given('CEC_CLIENT_KEY')) {
    issues.push({ variable: 'CEC_CLIENT_PASSPHRASE', message: 'set without CEC_CLIENT_KEY or CEC_CLIENT_PFX: it unlocks an encrypted key or PFX' });
  } else if (cert && key) {
    try {
      new X509Certificate(readFileSync(cert));
    } catch (e) {
      issues.push({ variable: 'CEC_CLIENT_CERT', message: `${cert} is not a PEM certificate: ${(e as Error).message}` });
    }
    const keyText = readFileSync(key, 'utf8');
    try {
      createPrivateKey({ key: keyText, passphrase });
      out.clientCertificate = { certPath: cert, keyPath: key, ...(passphrase ? { passphrase } : {}) };
    } catch (e) {
      const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(keyText) || /passphrase|bad decrypt/i.test((e as Error).message);
      issues.push(encrypted
        ? { variable: 'CEC_CLIENT_PASSPHRASE', message: `${passphrase ? 'does not unlock' : 'is needed for'} the encrypted key ${key}` }
        : { variable: 'CEC_CLIENT_KEY', message: `${key} is not a PEM private key: ${(e as Error).message}` });
    }
    if (out.clientCertificate && issues.some((i) => i.variable === 'CEC_CLIENT_CERT')) delete out.clientCertificate;
  } else if (pfx) {
    out.clientCertificate = { pfxPath: pfx, ...(passphrase ? { passphrase } : {}) };
  }
  return out;
}

/**
 * The CA check of a process that makes requests: CEC_CA_FILE is trusted only when the process started with
 * NODE_EXTRA_CA_CERTS naming a file that holds its certificates (`startedWith`: that variable as the process started).
 */
export function caInEffect(caFile: string | undefined, startedWith: string | undefined): boolean {
  if (!caFile) return true;
  if (!startedWith || !existsSync(startedWith)) return false;
  if (startedWith === caFile) return true;
  try {
    const have = new Set(certificatesOf(readFileSync(startedWith, 'utf8')).map((c) => c.fingerprint256));
    return certificatesOf(readFileSync(caFile, 'utf8')).every((c) => have.has(c.fingerprint256));
  } catch {
    return false;
  }
}

export const caNotInEffectMessage = (caFile: string): string =>
  `${caFile} is trusted only by a process started with NODE_EXTRA_CA_CERTS naming it (Node reads extra CAs at start): ` +
  'run `npm run conformance` / `npm run health` / `npm run explore`, which start their runs so, ' +
  `or start the command as NODE_EXTRA_CA_CERTS=${caFile} npx playwright test …`;

/**
 * `env` for a child process that makes requests: NODE_EXTRA_CA_CERTS naming CEC_CA_FILE (with a CA file the caller
 * already had, both in one bundle under the temp directory). Unchanged without CEC_CA_FILE.
 */
export function caEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const ca = env.CEC_CA_FILE?.trim();
  if (!ca || !existsSync(ca)) return env;
  const had = env.NODE_EXTRA_CA_CERTS?.trim();
  if (!had || had === ca) return { ...env, NODE_EXTRA_CA_CERTS: ca };
  if (!existsSync(had)) return { ...env, NODE_EXTRA_CA_CERTS: ca };
  const bundle = join(tmpdir(), `cec-ca-bundle-${process.pid}.pem`);
  writeFileSync(bundle, `${readFileSync(had, 'utf8').trim()}\n${readFileSync(ca, 'utf8').trim()}\n`);
  return { ...env, NODE_EXTRA_CA_CERTS: bundle };
}

/** The request context options for a client of the tenant at the given origins (its base URL, the CC-Gateway). */
export function contextOptions(net: NetworkSettings, urls: ReadonlyArray<string | undefined>): ContextNetworkOptions {
  const origins = [...new Set(urls.filter((u): u is string => !!u).map((u) => new URL(u).origin))];
  const out: ContextNetworkOptions = { ignoreHTTPSErrors: net.insecureTls };
  if (net.proxy) {
    const { variable: _variable, ...proxy } = net.proxy;
    out.proxy = proxy;
  }
  if (net.clientCertificate) out.clientCertificates = origins.filter((o) => o.startsWith('https:')).map((origin) => ({ origin, ...net.clientCertificate }));
  return out;
}

/** The secrets among the settings (a key's or PFX's passphrase, the proxy's password), to be masked everywhere. */
export const networkSecrets = (net: NetworkSettings): Array<string | undefined> => [net.clientCertificate?.passphrase, net.proxy?.password];

/** One line for the banner: what the network settings do, secrets left out. */
export function describeNetwork(net: NetworkSettings): string | undefined {
  const parts = [
    net.proxy ? `proxy ${net.proxy.server} (${net.proxy.variable}${net.proxy.username ? ', with credentials' : ''}${net.proxy.bypass ? `; not for ${net.proxy.bypass}` : ''})` : undefined,
    net.caFile ? `private CA ${net.caFile} (CEC_CA_FILE)` : undefined,
    net.clientCertificate ? `client certificate ${net.clientCertificate.pfxPath ?? net.clientCertificate.certPath} (${net.clientCertificate.pfxPath ? 'CEC_CLIENT_PFX' : 'CEC_CLIENT_CERT/CEC_CLIENT_KEY'})` : undefined,
  ].filter(Boolean);
  return parts.length ? `network: ${parts.join('; ')}` : undefined;
}

/**
 * What a failed connection means in terms of these settings, naming the one to set or check; undefined when the
 * error is none of these. `message` is the client's error text (Node's TLS and socket errors).
 */
export function networkHint(message: string, net: NetworkSettings, url?: string): string | undefined {
  const m = message;
  if (/self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer certificate|certificate (?:has expired|is not yet valid)|SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/i.test(m)) {
    return net.caFile
      ? `TLS: the tenant's certificate is not trusted, not even with CEC_CA_FILE=${net.caFile}: check that it is the CA that issued the tenant's certificate`
      : "TLS: the tenant's certificate is not trusted — set CEC_CA_FILE to the CA (PEM) that issued it (or CEC_INSECURE_TLS=1 to accept any certificate)";
  }
  if (/certificate required|alert number 116|sslv3 alert handshake failure|alert number 40|bad certificate|alert number 42|unknown ca|alert number 48|peer did not return a certificate/i.test(m)) {
    return net.clientCertificate
      ? `TLS: the tenant refused the client certificate ${net.clientCertificate.pfxPath ?? net.clientCertificate.certPath}: check CEC_CLIENT_CERT/CEC_CLIENT_KEY (or CEC_CLIENT_PFX)`
      : 'TLS: the tenant requires a client certificate — set CEC_CLIENT_CERT and CEC_CLIENT_KEY (PEM), or CEC_CLIENT_PFX (+ CEC_CLIENT_PASSPHRASE)';
  }
  if (net.proxy && /proxy|407|tunneling socket|socket hang up|ECONNREFUSED/i.test(m) && (/407/.test(m) || m.includes(new URL(net.proxy.server).host) || /proxy|tunnel/i.test(m))) {
    return /407/.test(m)
      ? `the proxy ${net.proxy.server} (${net.proxy.variable}) wants credentials: give them in the URL, http://user:password@host:port`
      : `the proxy ${net.proxy.server} (${net.proxy.variable}) did not connect to the tenant: check ${net.proxy.variable} and NO_PROXY`;
  }
  if (!net.proxy && /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|Timeout \d+ms exceeded/i.test(m)) {
    const variable = url?.startsWith('http:') ? 'HTTP_PROXY' : 'HTTPS_PROXY';
    return `no proxy is set: if this network reaches the tenant only through a proxy, set ${variable} (and NO_PROXY for the hosts it must not be used for)`;
  }
  return undefined;
}
