// `npm run mutation` end to end, as part of the CI gate, in its fast mode: the clean mock passes the whole conformance
// suite (its warnings listed), and each mutant of the catalogue (products/mutation/catalogue.ts) is caught as the strength of
// its rule asks: a refuse mutant killed (a test failed), a guidance mutant warned (a warning the clean run does not
// have, no failure; a failure would make the suite over-strict). Each mutant meets only the tests that call what it
// touches, so the run costs a fraction of the suite per mutant; a suite change that lets a mutant through fails
// `npm test`. Its report goes to reports/selftest-mutation/ (mutation.json, mutation/index.html), apart from a
// developer's own `npm run mutation` report.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MutationDocument } from '../../products/mutation/report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORTS = `${ROOT}reports/selftest-mutation`;

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'products/mutation/mutation.cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test('npm run mutation (fast): the clean run passes; each refuse mutant is killed, each guidance mutant warned, none over-strict', async ({}, testInfo) => {
  test.setTimeout(15 * 60_000);
  const { code, output } = await run(['--fast', `--reports-dir=${REPORTS}`]);
  await testInfo.attach('npm run mutation', { body: output, contentType: 'text/plain' });
  const jsonFile = `${REPORTS}/mutation.json`;
  expect(existsSync(jsonFile), 'reports/mutation.json written').toBe(true);
  const doc = JSON.parse(readFileSync(jsonFile, 'utf8')) as MutationDocument;
  expect(doc.clean.verdict, `the clean run: ${doc.clean.notes}\n${output.slice(-4000)}`).toBe('passed');
  const wrong = doc.mutants.filter((m) => m.verdict !== 'dropped' && m.verdict !== (m.strength === 'guidance' ? 'warned' : 'killed'))
    .map((m) => `${m.name} (${m.strength}): ${m.verdict} ${m.notes} ${m.caughtBy.map((c) => c.title).join('; ')}`);
  expect(wrong, 'each mutant caught as its strength asks').toEqual([]);
  expect(doc.overStrict, 'no guidance mutant fails a test').toBe(0);
  expect(doc.warned, 'the guidance mutants are warned').toBeGreaterThan(0);
  expect(doc.ok).toBe(true);
  expect(code, 'exit code').toBe(0);
  expect(existsSync(`${REPORTS}/mutation/index.html`), 'the HTML page').toBe(true);
  // The fast mode at work (counts, not times: the machine may be busy): each mutant met a fraction of the suite.
  const suite = doc.clean.tests.whole!;
  expect(doc.settings.mode).toBe('fast');
  const explored = doc.mutants.filter((m) => m.tests.explored !== undefined);
  expect(explored.length, 'the mutants only the exploration kills met it').toBeGreaterThanOrEqual(6);
  expect(doc.focus.mutants, 'every other mutant that ran had a focused run').toBe(doc.ran - explored.length);
  expect(doc.focus.testsMean, `tests per mutant (mean) against ${suite} in the suite`).toBeLessThan(suite / 4);
  testInfo.annotations.push(
    { type: 'mutation wall time', description: `${doc.wallSeconds} s` },
    { type: 'mutation CPU time', description: `${doc.cpuSeconds ?? '?'} s (the runs' processes, user + system)` },
    { type: 'tests per mutant', description: `mean ${doc.focus.testsMean}, max ${doc.focus.testsMax} (the suite: ${suite})` },
    { type: 'focus missed', description: doc.focus.misses.join(', ') || 'none' },
  );
});
