// Every command line of the project answers --help with its usage and does nothing else (exit 0, no file written),
// and an unknown flag with what is wrong and its usage, again doing nothing (exit 2). node:util.parseArgs reads them.
// Two commands at a time (each check has its own reports directory and baseline path): the checks are process starts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, runNode, tsx } from '../reports/helpers.js';

/** Every command line: products/<product>/<name>.cli.ts, the generator of the contract's constants, the mock's. */
const COMMANDS = readdirSync(join(ROOT, 'products'), { recursive: true }).map(String).filter((f) => f.endsWith('.cli.ts')).map((f) => `products/${f}`)
  .concat(['src/contract/generate-constants.ts', 'mock/server.ts', 'products/mutation/server.ts']);

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cec-command-lines-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `check` on each item, `limit` at a time. */
async function eachAtMost<T>(items: readonly T[], limit: number, check: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await check(item);
  }));
}

test('every command: --help prints the usage and does nothing; an unknown flag is a usage error (exit 2)', async () => {
  test.setTimeout(300_000);
  expect(COMMANDS.length).toBeGreaterThan(15);
  await eachAtMost(COMMANDS, 2, async (command) => {
    // A reports directory of its own holding a last run's findings, and a baseline path: `baseline --help` must not
    // write the baseline from them (it once did); no command may add a file to the reports.
    const reports = join(dir, command.replace(/[^A-Za-z0-9]+/g, '-'), 'reports');
    const baseline = join(dir, command.replace(/[^A-Za-z0-9]+/g, '-'), 'baseline.yaml');
    mkdirSync(reports, { recursive: true });
    writeFileSync(join(reports, 'findings.json'), JSON.stringify({ findings: [{ signature: 's', verdict: 'fail' }], resolved: [] }));
    const env = { CEC_REPORTS_DIR: reports, CEC_BASELINE: baseline, CEC_TARGET: 'mock', MOCK_PORT: '1' };
    const help = await runNode(tsx(command, '--help'), env, 60_000);
    expect(help.status, `${command} --help: ${help.stderr}`).toBe(0);
    expect(help.stdout, `${command} --help`).toMatch(/^\s*usage:/i);
    expect(readdirSync(reports), `${command} --help wrote into ${reports}`).toEqual(['findings.json']);
    expect(existsSync(baseline), `${command} --help wrote the baseline`).toBe(false);

    const unknown = await runNode(tsx(command, '--no-such-flag'), env, 60_000);
    expect(unknown.status, `${command} --no-such-flag: ${unknown.stdout}${unknown.stderr}`).toBe(2);
    expect(unknown.stderr, command).toMatch(/no-such-flag/);
    expect(readdirSync(reports), `${command} --no-such-flag wrote into ${reports}`).toEqual(['findings.json']);
    expect(existsSync(baseline), `${command} --no-such-flag wrote the baseline`).toBe(false);
  });
});
