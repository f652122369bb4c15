// npm run conformance: the conformance suite (`playwright test`) with exit codes that tell the causes apart —
// 0 passed (known findings of the baseline allowed), 1 a finding fails, 2 a configuration error, or the tenant
// unreachable, down or refusing the AK/SK (as npm run health). Playwright alone exits 1 for all of them.
//
// It checks the configuration first (one ConfigError, exit 2, nothing started), starts the run with what Node must
// know at start (NODE_EXTRA_CA_CERTS for CEC_CA_FILE), and reads why global setup stopped the run from the file it
// names in CEC_RUN_STOP_FILE. Every other argument is Playwright's (`npm run conformance -- --grep @smoke`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, grepsHealth, loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { caEnvironment } from '../../src/suite/network.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';

const USAGE = `Usage: npm run conformance [-- [--mock] [Playwright's test options and filters]]

The conformance suite against the tenant of CEC_BASE_URL (docs/configuration.md), or the embedded mock tenant when
nothing names a tenant. Reports under reports/ (or CEC_REPORTS_DIR).

  --mock       run against the embedded mock on purpose (as CEC_TARGET=mock): needed where CI is set or a
               tenant variable is, since a missing CEC_BASE_URL then is a configuration error
  -h, --help   this text; nothing is run (npx playwright test --help lists Playwright's options)

Exit status: 0 passed (findings known to the baseline allowed), 1 a finding fails, 2 a configuration error, an
unknown option, or the tenant unreachable, down or refusing CEC_APP_KEY / CEC_APP_SECRET.
`;

/** Our own flags out of argv (parseArgs' tokens: every other argument, Playwright's, passes through as given). */
function ownFlags(argv: string[]): { help: boolean; mock: boolean; rest: string[] } {
  const { tokens } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, mock: { type: 'boolean' } }, strict: false, allowPositionals: true, tokens: true });
  const ours = new Set<number>();
  let help = false;
  let mock = false;
  for (const t of tokens ?? []) {
    if (t.kind === 'option-terminator') break;
    if (t.kind !== 'option') continue;
    if (t.name === 'help' || t.name === 'h') { help = true; ours.add(t.index); }
    if (t.name === 'mock' && t.value === undefined) { mock = true; ours.add(t.index); }
  }
  return { help, mock, rest: argv.filter((_, i) => !ours.has(i)) };
}

const args = ownFlags(process.argv.slice(2));
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

loadDotenv({ quiet: true });
if (args.mock) process.env.CEC_TARGET = 'mock';
if (grepsHealth(args.rest) && !process.env.CEC_HEALTH) process.env.CEC_HEALTH = '1';
// What the run's processes start with: the embedded mock's credentials (when it is meant) and the private CA.
const env = caEnvironment(withEmbeddedMockCredentials(process.env));
try {
  loadConfig(env);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`npm run conformance: ${e.message}\n(exit 2: configuration error; npm run conformance -- --help)\n`);
  process.exit(2);
}

const stopDir = mkdtempSync(join(tmpdir(), 'cec-run-'));
const stopFile = join(stopDir, 'stop.json');
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const child = spawn(process.execPath, [cli, 'test', ...args.rest], { cwd: PROJECT_ROOT, env: { ...env, CEC_RUN_STOP_FILE: stopFile }, stdio: ['inherit', 'inherit', 'pipe'] });
// Playwright's stderr passes through; an unknown option is a usage error (2), not a failing finding.
let usageError = false;
child.stderr!.on('data', (d: Buffer) => {
  if (/^error: (unknown option|option .* argument missing|missing required argument)/m.test(d.toString('utf8'))) usageError = true;
  process.stderr.write(d);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.once('exit', (code, signal) => {
  let stop: { kind: string; message: string } | undefined;
  if (existsSync(stopFile)) stop = JSON.parse(readFileSync(stopFile, 'utf8')) as { kind: string; message: string };
  rmSync(stopDir, { recursive: true, force: true });
  if (stop) {
    process.stderr.write(`npm run conformance: the run stopped before its tests: ${stop.kind} (exit 2)\n`);
    process.exit(2);
  }
  if (usageError) process.exit(2);
  process.exit(code ?? (signal ? 1 : 1));
});
