// Serving the mock tenant in the foreground: settings from flags and the environment, a TLS certificate generated
// at start when asked, a banner with the URL and the credentials it accepts, a clean stop on SIGINT/SIGTERM. Used by
// `npm run mock` (server.ts) and by entry points that start the mock with extensions of their own. The app, its
// profiles and the certificate generator are imported when serving: --help and a bad flag answer without them.
import type { FastifyInstance } from 'fastify';
import { CREDENTIAL_ENV } from './credentials.js';
import type { MockExtensions } from './behaviour/extensions.js';
import { OptionError, parseOptions, SETTINGS, flagOf, unknownVariables, type MockOptions } from './behaviour/options.js';

async function tls(host: string): Promise<{ key: string; cert: string }> {
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, ...(/^[0-9.]+$/.test(host) && host !== '127.0.0.1' ? [{ type: 7 as const, ip: host }] : [])] }],
  });
  return { key: pems.private, cert: pems.cert };
}

function banner(url: string, o: MockOptions, profile: string, extraRows: Array<[string, string]>): string {
  const c = o.credentials;
  const activeFaults = Object.entries(o.faults).filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${v}`);
  const rows: Array<[string, string]> = [
    ['API Fabric / CEC base URL', url],
    ['CC-Gateway base URL', url],
    ['app key (x-app-key)', c.appKey],
    ['app secret', c.appSecret],
    ['channel configuration ID', c.channelConfigId],
    ['agent ID', c.agentId],
    ['agent Guid (pre-set)', c.agentGuid],
    ['agent password', c.agentPassword],
    ['agent phone', c.agentPhone],
    ['profile', profile],
    ['seed', `${o.seed}${o.seedGiven ? '' : ' (random; set MOCK_SEED to reproduce)'}`],
    ['admin endpoints', o.admin ? `${url}/__mock/{health,faults,reset}` : 'off (MOCK_ADMIN=1 turns them on)'],
    ['faults', activeFaults.length ? activeFaults.join(', ') : 'none'],
    ...extraRows,
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [`CEC mock tenant listening on ${url}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n');
}

/** The --help text; `more` lists the flags of the entry point on top of the mock's. */
export function usage(command = 'npm run mock', more = ''): string {
  const settings = SETTINGS.map((s) => `  ${flagOf(s.env).padEnd(24)} ${s.env}`).join('\n');
  const creds = Object.values(CREDENTIAL_ENV).map((e) => `  ${e}`).join('\n');
  return `Usage: ${command} -- [flags]\nFlags and their environment variables:\n${settings}${more ? `\n${more}` : ''}\nAccepted credentials (environment only):\n${creds}`;
}

/** The settings under these flags and this environment; on a bad one, says why on stderr, sets exit code 2 and
 *  answers undefined. MOCK_* variables that are no setting are named on stderr and ignored. */
export function readOptions(env: NodeJS.ProcessEnv, argv: readonly string[], command?: string, more?: string): MockOptions | undefined {
  for (const name of unknownVariables(env)) console.error(`warning: ${name} is not a setting of the mock; ignored (${command ?? 'npm run mock'} -- --help lists them)`);
  try {
    return parseOptions(env, argv);
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    console.error(`${e.message}\n\n${usage(command, more)}`);
    process.exitCode = 2;
    return undefined;
  }
}

export interface ServeOptions {
  options: MockOptions;
  extensions?: MockExtensions;
  /** More banner rows (label, value). */
  bannerRows?: Array<[string, string]>;
}

/** Builds the app, listens, prints the banner and closes the app on SIGINT/SIGTERM. */
export async function serve({ options, extensions, bannerRows = [] }: ServeOptions): Promise<FastifyInstance> {
  const [{ buildApp }, { describeProfile }] = await Promise.all([import('./app.js'), import('./behaviour/profiles/index.js')]);
  const app = buildApp({ ...options, extensions, tls: options.https ? await tls(options.host) : undefined });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  console.log(banner(`${options.https ? 'https' : 'http'}://${host}:${port}`, options, describeProfile(options), bannerRows));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
  return app;
}
