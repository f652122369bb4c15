// The Chromium of the browser self-tests (the findings, health and HTML report pages), found in this order:
// CEC_CHROMIUM_PATH, Playwright's own installed browser, the system's Chromium, and otherwise the headless Chromium
// that `npm ci` brings from the npm registry (@sparticuz/chromium, brotli-packed in the package, unpacked once into
// node_modules/.cache). Nothing is downloaded. The conformance suite needs no browser and never imports this.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, test, type Browser, type LaunchOptions } from '@playwright/test';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface FoundChromium {
  /** Where it came from: CEC_CHROMIUM_PATH, playwright, system or npm (@sparticuz/chromium@<version>). */
  source: string;
  executablePath: string;
  /** Extra environment for the browser process (the bundled build's own NSS libraries). */
  env?: Record<string, string>;
}

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The packed Chromium of @sparticuz/chromium, unpacked once per package version. Workers may race on a first run:
 *  each unpacks into a staging folder of its own and renames it into place; the loser drops its copy. */
async function bundled(): Promise<FoundChromium> {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  let version: string | undefined;
  for (let d = dirname(entry); !version && d !== dirname(d); d = dirname(d)) {
    // The first package.json up from the entry with a version (build/*/package.json only set the module type).
    if (existsSync(join(d, 'package.json'))) version = (JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { version?: string }).version;
  }
  if (!version) throw new Error(`no version of @sparticuz/chromium above ${entry}`);
  const cache = join(ROOT, 'node_modules', '.cache', 'cec-chromium');
  const dir = join(cache, version);
  if (!existsSync(join(dir, 'chromium'))) {
    const staging = join(cache, `.staging-${process.pid}-${Date.now()}`);
    mkdirSync(staging, { recursive: true });
    const { default: Chromium } = await import('@sparticuz/chromium');
    // The package unpacks into os.tmpdir(), read when executablePath() starts; AWS_LAMBDA_JS_RUNTIME makes it also
    // unpack its NSS libraries (al2023/lib), so that the binary needs nothing beyond glibc from the machine.
    const saved = { TMPDIR: process.env.TMPDIR, AWS_LAMBDA_JS_RUNTIME: process.env.AWS_LAMBDA_JS_RUNTIME };
    process.env.TMPDIR = staging;
    process.env.AWS_LAMBDA_JS_RUNTIME = 'nodejs20.x';
    let unpacked: Promise<string>;
    try {
      unpacked = Chromium.executablePath();
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    await unpacked;
    try {
      renameSync(staging, dir);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another worker was first
    }
  }
  return { source: `npm (@sparticuz/chromium@${version})`, executablePath: join(dir, 'chromium'), env: { LD_LIBRARY_PATH: join(dir, 'al2023', 'lib') } };
}

async function find(): Promise<FoundChromium> {
  const explicit = process.env.CEC_CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CEC_CHROMIUM_PATH=${explicit} does not exist: point it at a Chromium executable, or unset it to use the one npm ci installs`);
    return { source: 'CEC_CHROMIUM_PATH', executablePath: explicit };
  }
  const own = chromium.executablePath();
  if (existsSync(own)) return { source: 'playwright', executablePath: own };
  const system = SYSTEM.find((p) => existsSync(p));
  if (system) return { source: 'system', executablePath: system };
  return bundled();
}

let found: Promise<FoundChromium> | undefined;
/** The Chromium of this worker, found once (and printed once). */
export function findChromium(): Promise<FoundChromium> {
  found ??= find().then((c) => {
    console.log(`browser self-tests: Chromium from ${c.source}: ${c.executablePath}`);
    return c;
  });
  return found;
}

/** Launches that Chromium headless and notes in the running test which one it is (annotation "browser"). */
export async function launchChromium(): Promise<Browser> {
  const c = await findChromium();
  const options: LaunchOptions = { executablePath: c.executablePath, args: ARGS, env: c.env ? { ...process.env, ...c.env } : undefined };
  const browser = await chromium.launch(options);
  test.info().annotations.push({ type: 'browser', description: `Chromium ${browser.version()} from ${c.source}` });
  return browser;
}
