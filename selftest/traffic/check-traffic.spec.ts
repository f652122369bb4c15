// npm run check-traffic end to end, as a client developer runs it: a HAR of a lawful session whose CONNECT carries an
// extra field is one warning (exit 0); the same HAR with evaluation "9" is one failure that names its rule and its
// source (exit 1); a Newman run of the same session reads the same; other hosts' entries are counted, not judged;
// no secret the traffic carried is in anything written; a usage error or an unreadable file is exit 2. Each exit status
// (0, 1, 2) and the secret scan come from the command run as a process of its own, as npm runs it; the other variants
// call the command's function in this process (checkTrafficCommand, all the CLI file runs), without a process each.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FindingsReport } from '../../products/findings/model.js';
import type { TrafficTally } from '../../products/traffic/check.js';
import { checkTrafficCommand } from '../../products/traffic/command.js';
import { childEnv } from '../../src/suite/child-env.js';
import { runNode, tsx, type Finished } from '../reports/helpers.js';
import { scanDir } from '../reports/scan.js';
import { har, newmanRun, SATISFACTION, SECRETS, session, TENANT, writeJson, type Exchange } from './traffic-fixture.js';

let dir: string;
test.beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'cec-traffic-')); });
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** npm run check-traffic, a process of its own. */
const check = (...args: string[]): Promise<Finished> => runNode(tsx('products/traffic/check-traffic.cli.ts', ...args), {}, 60_000);
/** The same command in this process (what check-traffic.cli.ts calls, with its console lines). */
function checkHere(...args: string[]): Finished {
  let stdout = '';
  let stderr = '';
  const t0 = Date.now();
  const status = checkTrafficCommand(args, childEnv(), (t) => { stdout += `${t}\n`; }, (t) => { stderr += `${t}\n`; });
  return { status, stdout, stderr, ms: Date.now() - t0 };
}
const findingsOf = (out: string): FindingsReport => JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsReport;
const tallyOf = (out: string): TrafficTally => (JSON.parse(readFileSync(join(out, 'traffic.json'), 'utf8')) as { tally: TrafficTally }).tally;
const NEEDLES = Object.fromEntries(Object.entries(SECRETS).map(([k, v]) => [k, v]));

/** The session with saveSatisfaction's evaluation set to "9" (table 6-2: 1 to 5). */
const withEvaluation9 = (): Exchange[] => session().map((x) => (x.url.endsWith('/saveSatisfaction') ? { ...x, body: { ...SATISFACTION, evaluation: '9' } } : x));

test('a lawful session whose CONNECT carries an extra field: exit 0 with one warning that names the field', async () => {
  const out = join(dir, 'out');
  const r = await check(writeJson(dir, 'session.har', har(session())), `--out=${out}`);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const report = findingsOf(out);
  expect(report.findings).toHaveLength(1);
  expect(report.findings[0]).toMatchObject({
    verdict: 'warn', strength: 'guidance', operationId: 'send', signature: 'send request /body/transData additionalProperties',
    message: expect.stringContaining('"transData"'), source: 'spec choice', tests: [expect.stringMatching(/^#5 POST \/apiaccess\/ccmessaging\/send/)],
  });
  expect(report.findings[0].firstExchange?.curl).toMatch(/^curl .*\/apiaccess\/ccmessaging\/send/m);
  expect(report.counts).toMatchObject({ tests: 6, failed: 0, warned: 1, fail: 0, warn: 1 });
  expect(report.run.unit).toBe('exchange');
  expect(r.stdout).toMatch(/WARN +send request \/body\/transData additionalProperties — 1 exchange\n/);
  expect(r.stdout).toMatch(/Gate: passed/);
  const page = readFileSync(join(out, 'findings', 'index.html'), 'utf8');
  expect(page).toContain('<th>exchanges</th>');
  expect(page).toMatch(/<span class="count">1<\/span> exchange met it/);
});

test('the same HAR with evaluation "9" in saveSatisfaction: exit 1 with one failing finding that names the rule and its source', async () => {
  const out = join(dir, 'out');
  const r = await check(writeJson(dir, 'evaluation-9.har', har(withEvaluation9())), `--out=${out}`);
  expect(r.status, r.stdout + r.stderr).toBe(1);
  const findings = findingsOf(out).findings;
  expect(findings.map((x) => `${x.verdict} ${x.signature}`)).toEqual(['fail saveSatisfaction request /body/evaluation enum', 'warn send request /body/transData additionalProperties']);
  expect(findings[0]).toMatchObject({
    verdict: 'fail', strength: 'refuse', signature: 'saveSatisfaction request /body/evaluation enum',
    rule: 'request: "evaluation" is one of "1", "2", "3", "4", "5"', source: expect.stringContaining('seed 000 table 6-2'), message: expect.stringContaining('"9"'),
  });
  expect(r.stdout).toMatch(/FAIL +saveSatisfaction request \/body\/evaluation enum/);
  expect(r.stdout).toContain('source: seed 000 table 6-2');
  // --strict: the warning of the extra field fails too.
  const strict = checkHere(writeJson(dir, 'session.har', har(session())), `--out=${join(dir, 'strict')}`, '--strict');
  expect(strict.status).toBe(1);
  expect(findingsOf(join(dir, 'strict')).findings.map((x) => `${x.verdict} ${x.signature}`)).toEqual(['fail send request /body/transData additionalProperties']);
});

test('a Newman run of the same session is read like the HAR', async () => {
  const out = join(dir, 'out');
  const r = checkHere(writeJson(dir, 'newman-run.json', newmanRun(withEvaluation9())), `--out=${out}`);
  expect(r.status, r.stdout + r.stderr).toBe(1);
  expect(r.stdout).toContain('(newman)');
  expect(findingsOf(out).findings.map((f) => `${f.verdict} ${f.signature}`).sort()).toEqual([
    'fail saveSatisfaction request /body/evaluation enum', 'warn send request /body/transData additionalProperties',
  ]);
  expect(tallyOf(out)).toMatchObject({ checked: 6, otherHosts: 3 });
});

test('entries of other hosts are ignored and counted; preflights and undocumented paths of this API are counted apart', async () => {
  const out = join(dir, 'out');
  const extra: Exchange[] = [
    { method: 'OPTIONS', url: `${TENANT}/apiaccess/ccmessaging/send`, headers: { 'Access-Control-Request-Method': 'POST' }, status: 204, responseHeaders: {}, response: '' },
    { method: 'GET', url: `${TENANT}/apiaccess/ccmessaging/notAnOperation?token=${SECRETS.accessToken}`, headers: {}, status: 404, responseHeaders: {}, response: '' },
  ];
  const r = checkHere(writeJson(dir, 'mixed.har', har([...session(), ...extra])), `--out=${out}`);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const tally = tallyOf(out);
  expect(tally).toMatchObject({ entries: 11, checked: 6, otherHosts: 3, preflights: 1 });
  expect(tally.undocumented).toEqual([`GET ${TENANT}/apiaccess/ccmessaging/notAnOperation?token=***`]);
  expect(r.stdout).toMatch(/11 entries: 6 exchanges of 6 operations checked, 3 of other hosts ignored, 1 CORS preflight ignored/);
});

test('no secret the traffic carried is in anything the check writes or prints', async () => {
  const out = join(dir, 'out');
  // Every exchange answered 400: each finding's first exchange (its curl, headers and bodies) is written.
  const refused = withEvaluation9().map((x) => ({ ...x, status: 400, response: { errorCode: 'X', exceptionInfo: `bad ${SECRETS.accessToken}` } }));
  const r = await check(writeJson(dir, 'refused.har', har(refused)), `--out=${out}`, '--strict');
  expect(r.status, r.stdout + r.stderr).toBe(1);
  expect(findingsOf(out).findings.length).toBeGreaterThanOrEqual(6);
  const scan = scanDir(out, NEEDLES);
  expect(scan.files).toBe(3);
  expect(scan.hits).toEqual([]);
  for (const [name, value] of Object.entries(SECRETS)) expect(r.stdout + r.stderr, name).not.toContain(value);
  expect(readFileSync(join(out, 'findings.json'), 'utf8')).toContain('***');
});

test('a usage error or a file that is not traffic exits 2 and says why', async () => {
  const none = await check();
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('usage: npm run check-traffic');
  expect(checkHere('a.har', '--colour').stderr).toContain("Unknown option '--colour'");
  const missing = checkHere(join(dir, 'missing.har'));
  expect([missing.status, missing.stderr]).toEqual([2, expect.stringContaining('does not exist')]);
  writeFileSync(join(dir, 'broken.har'), '{"log": ');
  const broken = checkHere(join(dir, 'broken.har'));
  expect([broken.status, broken.stderr]).toEqual([2, expect.stringContaining('is not JSON')]);
  const other = checkHere(writeJson(dir, 'other.json', { hello: 'world' }));
  expect([other.status, other.stderr]).toEqual([2, expect.stringContaining('neither a HAR')]);
});
