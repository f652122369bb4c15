// npm run mock [-- --https --port=3180 ...]: the mock tenant in the foreground. Prints its URL and the credentials it
// accepts; one process serves the API Fabric/CEC paths and the CC-Gateway agent paths.
import { generate } from 'selfsigned';
import { buildApp } from './app.js';
import { CREDENTIAL_ENV } from './credentials.js';
import { mutationOf } from './mutations.js';
import { OptionError, parseOptions, SETTINGS, flagOf, type MockOptions } from './options.js';

async function tls(host: string): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, ...(/^[0-9.]+$/.test(host) && host !== '127.0.0.1' ? [{ type: 7 as const, ip: host }] : [])] }],
  });
  return { key: pems.private, cert: pems.cert };
}

function banner(url: string, o: MockOptions): string {
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
    ['seed', `${o.seed}${o.seedGiven ? '' : ' (random; set MOCK_SEED to reproduce)'}`],
    ['admin endpoints', o.admin ? `${url}/__mock/{health,faults,reset}` : 'off (MOCK_ADMIN=1 turns them on)'],
    ['faults', activeFaults.length ? activeFaults.join(', ') : 'none'],
    ['mutation', o.mutation ? `${o.mutation} (DELIBERATELY BROKEN: ${mutationOf(o)!.how})` : 'none'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [`CEC mock tenant listening on ${url}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n');
}

function usage(): string {
  const settings = SETTINGS.map((s) => `  ${flagOf(s.env).padEnd(24)} ${s.env}`).join('\n');
  const creds = Object.values(CREDENTIAL_ENV).map((e) => `  ${e}`).join('\n');
  return `Usage: npm run mock -- [flags]\nFlags and their environment variables:\n${settings}\nAccepted credentials (environment only):\n${creds}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(usage());
    return;
  }
  let options: MockOptions;
  try {
    options = parseOptions(process.env, argv);
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    console.error(`${e.message}\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  const app = buildApp({ ...options, tls: options.https ? await tls(options.host) : undefined });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  console.log(banner(`${options.https ? 'https' : 'http'}://${host}:${port}`, options));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
}

await main();
