// Alerts on change, posted to a real HTTP receiver (node:http on 127.0.0.1) over built histories of nights (each
// night added with appendNight, tonight's alert decided and posted by alertNight, as npm run health does after a
// night): exactly the alerts the policy asks for, what each one says (verdict, new and resolved findings with their
// rule and source, the page), Slack's format, no secret in any body, and a failed post that is only reported.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { registerSecret } from '../../src/contract/secrets.js';
import { alertNight, alertReasons, type AlertOutcome, type AlertPayload } from '../../products/health/alerts.js';
import type { NightFinding } from '../../products/health/findings.js';
import { appendNight, type CellStatus, type Night } from '../../products/health/history.js';
import { gridOf } from '../../products/health/trends.js';
import type { HealthReport } from '../../products/health/classify.js';
import { freePort } from '../../products/bench/child.js';
import { runNode, SECRET_NEEDLES, suiteEnv, tsx } from './helpers.js';

// The secrets a night might quote (a finding's message, the tenant's URL): registered as the suite registers them.
for (const s of Object.values(SECRET_NEEDLES)) registerSecret(s);
const WEBHOOK_TOKEN = 'T0HOOKSECRETzq81/B0XYZ/abcDEFghiJKL';

interface Received { path: string; body: string; json: unknown }

let dir: string;
let server: Server;
let received: Received[] = [];
let answer = 200;
let base: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cec-health-alerts-'));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString('utf8'); });
    req.on('end', () => {
      received.push({ path: req.url ?? '', body, json: JSON.parse(body) });
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'no');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});
test.beforeEach(() => { received = []; answer = 200; });

const POLL = 'poll schema 200 /body/downlinkMessages required';
const SEND = 'send rule resultCode 0 for forbidden input';
/** Findings as the findings reporter gives them: rule and source; one quotes a secret the tenant echoed. */
const FINDINGS: Record<string, NightFinding> = {
  [POLL]: { signature: POLL, verdict: 'fail', checks: ['contract/messaging.spec.ts › poll › x', 'contract/messaging.spec.ts › poll › y'], operationId: 'poll', rule: `downlinkMessages is required (answer echoed ${SECRET_NEEDLES.CEC_APP_SECRET})`, source: 'Web Client Access API, poll, response parameters' },
  [SEND]: { signature: SEND, verdict: 'fail', checks: ['negative/business-rules.spec.ts › send › z'], operationId: 'send', rule: 'content longer than 500 characters is refused', source: 'Web Client Access API, send, request parameters' },
};

let day = 0;
/** A night: green (exit 0) or red (broken, exit 1) with the given findings; checks x and y with the given states. */
function night(red: boolean, findings: string[] = [], cells: Record<string, CellStatus> = {}, extra: Partial<Night> = {}): Night {
  day++;
  return {
    v: 1, startedAt: new Date(Date.UTC(2030, 0, day, 2, 17)).toISOString(), durationMs: 1000,
    tenant: `https://tenant.example.com/?guid=${SECRET_NEEDLES.CEC_AGENT_GUID}`, seed: String(day),
    verdict: red ? 'broken' : 'healthy', exitCode: red ? 1 : 0, counts: { ok: 10, flaky: 0, failed: red ? 2 : 0, unreachable: 0, skipped: 0 },
    checks: Object.entries(cells).map(([id, status]) => ({ id, status, latencyMs: 1, maxLatencyMs: 1, requests: 1, transient: 0 })),
    operations: {}, findings: findings.map((s) => FINDINGS[s]), known: [], findingsSource: 'findings.json', ...extra,
  };
}

/** Adds the nights one by one, each followed by its alert step; the outcome of each night. */
async function run(name: string, nights: Night[], policy: { alertAfter?: number; remindAfter?: number; format?: 'json' | 'slack'; url?: string } = {}): Promise<AlertOutcome[]> {
  const file = join(dir, name, 'nights.jsonl');
  const out: AlertOutcome[] = [];
  for (const n of nights) {
    const kept = appendNight(file, n, 30);
    out.push(await alertNight(kept, {
      alertAfter: policy.alertAfter ?? 2, remindAfter: policy.remindAfter ?? 7, format: policy.format ?? 'json',
      webhookUrl: policy.url ?? `${base}/services/${WEBHOOK_TOKEN}`, page: 'https://ci.example.com/health/index.html',
    }));
  }
  return out;
}

function expectNoSecret(bodies: string[]): void {
  for (const body of bodies) {
    for (const [name, needle] of Object.entries({ ...SECRET_NEEDLES, WEBHOOK_TOKEN })) expect(body, `${name} in an alert`).not.toContain(needle);
  }
}

test('clean, red, red, green: one alert on the 2nd red night (new finding with rule and source) and one on recovery; 0 secrets', async () => {
  const outcomes = await run('ccrg', [night(false), night(true, [POLL]), night(true, [POLL]), night(false)]);
  expect(outcomes.map((o) => o.state)).toEqual(['not-due', 'not-due', 'posted', 'posted']);
  expect(received.map((r) => (r.json as AlertPayload).reasons)).toEqual([['failing'], ['recovered']]);
  const [failing, recovered] = received.map((r) => r.json as AlertPayload);
  expect(failing).toMatchObject({ source: 'cec-health', verdict: 'broken', exitCode: 1, redNights: 2, page: 'https://ci.example.com/health/index.html', stillFailing: 0, resolved: [] });
  expect(failing.title).toBe('CEC tenant health: BROKEN for 2 nights in a row');
  // New since the red run began (the night before it was clean): the finding, its rule (masked) and source.
  expect(failing.new).toEqual([{ signature: POLL, verdict: 'fail', rule: 'downlinkMessages is required (answer echoed ***)', source: 'Web Client Access API, poll, response parameters', checks: 2, known: false }]);
  expect(failing.text).toContain('source: Web Client Access API, poll, response parameters');
  expect(recovered).toMatchObject({ verdict: 'healthy', exitCode: 0, redNights: 0, new: [] });
  expect(recovered.resolved.map((f) => f.signature)).toEqual([POLL]);
  expectNoSecret(received.map((r) => r.body));
  // The receiver's path (the webhook's token) is never written into what the night reports.
  for (const o of outcomes) expect(JSON.stringify(o)).not.toContain(WEBHOOK_TOKEN);
  // The same history's flapping: the two red nights are one incident (2 changes), nothing flaps.
  const grid = gridOf([night(false, [], { x: 'pass' }), night(true, [], { x: 'fail' }), night(true, [], { x: 'fail' }), night(false, [], { x: 'pass' })]);
  expect(grid.map((r) => [r.id, r.changes, r.flapping])).toEqual([['x', 2, false]]);
});

test('CEC_HEALTH_ALERT_AFTER=1: the first red night alerts; a still red night with nothing new does not; a new root cause does', async () => {
  const outcomes = await run('after1', [night(false), night(true, [POLL]), night(true, [POLL]), night(true, [POLL, SEND]), night(false)], { alertAfter: 1 });
  expect(outcomes.map((o) => o.reasons)).toEqual([[], ['failing'], [], ['changed'], ['recovered']]);
  expect(received).toHaveLength(3);
  const changed = received[1].json as AlertPayload;
  expect(changed.new.map((f) => f.signature)).toEqual([SEND]);
  expect(changed.stillFailing).toBe(1);
  expectNoSecret(received.map((r) => r.body));
});

test('a long red run: the alert, then a reminder every CEC_HEALTH_REMIND_AFTER red nights, not every night; one red night alone alerts nothing', async () => {
  const first = night(false);
  const reds = Array.from({ length: 8 }, () => night(true, [POLL]));
  const outcomes = await run('remind', [first, ...reds, night(false)], { remindAfter: 3 });
  expect(outcomes.map((o) => o.reasons.join())).toEqual(['', '', 'failing', '', '', 'reminder', '', '', 'reminder', 'recovered']);
  expect((received[1].json as AlertPayload).title).toBe('CEC tenant health: still BROKEN: 5 nights in a row');
  // A single red night between green ones: an incident the default policy does not page for, nor its recovery.
  const blip = await run('blip', [night(false), night(true, [POLL]), night(false), night(false)]);
  expect(blip.map((o) => o.state)).toEqual(['not-due', 'not-due', 'not-due', 'not-due']);
  expect(received).toHaveLength(4);
});

test('a flaky check or a quarantined failure never alerts by itself; a certificate warning alerts once; a first degraded night alerts', async () => {
  const cert = (days: number): NightFinding => ({ signature: `certificate: tenant.example.com:443 ends 2030-01-${days}`, verdict: 'warn', checks: [], rule: `the TLS certificate of tenant.example.com:443 ends in ${days} days`, source: 'TLS certificate of the tenant (CEC_HEALTH_CERT_DAYS)' });
  const flaky = night(false, [], { x: 'flaky' }, { counts: { ok: 9, flaky: 1, failed: 0, unreachable: 0, skipped: 0 } });
  const quarantined = night(false, [POLL], { x: 'fail' }, { known: [POLL] });
  const withCert = (): Night => ({ ...night(false), findings: [cert(20)] });
  const degraded = (): Night => ({ ...night(false), verdict: 'degraded' });
  const outcomes = await run('quiet', [night(false), flaky, quarantined, withCert(), withCert(), degraded(), degraded()]);
  expect(outcomes.map((o) => o.reasons.join())).toEqual(['', '', '', 'certificate', '', 'degraded', '']);
  expect((received[0].json as AlertPayload).certificates).toEqual(['the TLS certificate of tenant.example.com:443 ends in 20 days']);
  // The policy is a function of the history: the same nights give the same reasons without a webhook.
  expect(alertReasons([night(false), night(true), night(true)], { alertAfter: 2, remindAfter: 7 })).toEqual(['failing']);
});

test('Slack format: text and mrkdwn blocks with the new findings and the page link; masked', async () => {
  await run('slack', [night(false), night(true, [POLL]), night(true, [POLL])], { format: 'slack' });
  expect(received).toHaveLength(1);
  const body = received[0].json as { text: string; blocks: Array<{ type: string; text: { type: string; text: string } }> };
  expect(body.text).toBe('CEC tenant health: BROKEN for 2 nights in a row');
  expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: body.text } });
  const md = body.blocks.slice(1).map((b) => b.text.text).join('\n');
  expect(md).toContain(`\`${POLL}\` — _Web Client Access API, poll, response parameters_`);
  expect(md).toContain('<https://ci.example.com/health/index.html|Health page>');
  expectNoSecret(received.map((r) => r.body));
});

test('a failed post (HTTP 500, or nobody listening) is an outcome, not an exception', async () => {
  answer = 500;
  const refused = await run('fail500', [night(false), night(true, [POLL]), night(true, [POLL])]);
  expect(refused[2]).toMatchObject({ state: 'failed', status: 500, error: 'the webhook answered HTTP 500', reasons: ['failing'] });
  const closed = await run('closed', [night(false), night(true, [POLL]), night(true, [POLL])], { url: 'http://127.0.0.1:9/hook' });
  expect(closed[2].state).toBe('failed');
  expect(closed[2].error).toMatch(/fetch failed|ECONNREFUSED/);
  expect(closed[2].text).toMatch(/^FAILED to post \(failing\) to http:\/\/127\.0\.0\.1:9:/);
});

test.describe('npm run health end to end', () => {
  test.describe.configure({ timeout: 240_000 });

  test('a red night whose alert cannot be posted: reported on stderr and in health.json, the exit code stays 2', async () => {
    const reports = join(dir, 'e2e');
    const closed = await freePort();
    const r = await runNode(tsx('products/health/health.cli.ts'), {
      ...suiteEnv(`http://127.0.0.1:${await freePort()}`), CEC_REPORTS_DIR: reports, CEC_HEALTH_ALERT_AFTER: '1',
      CEC_HEALTH_WEBHOOK_URL: `http://127.0.0.1:${closed}/services/${WEBHOOK_TOKEN}`,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stdout).toMatch(/^CEC tenant health: UNREACHABLE \(exit 2\)/);
    expect(r.stdout).toMatch(new RegExp(`alert: +FAILED to post \\(failing\\) to http://127\\.0\\.0\\.1:${closed}: `));
    expect(r.stderr).toContain("health: the alert could not be posted");
    expect(r.stderr).toContain("(the night's verdict stands)");
    const report = JSON.parse(readFileSync(join(reports, 'health.json'), 'utf8')) as HealthReport;
    expect(report).toMatchObject({ verdict: 'unreachable', exitCode: 2, alert: { state: 'failed', reasons: ['failing'] } });
    for (const text of [r.stdout, r.stderr, readFileSync(join(reports, 'health.json'), 'utf8')]) expect(text).not.toContain(WEBHOOK_TOKEN);
  });

  test('a wrong alert setting is a configuration error (exit 2), named', async () => {
    const r = await runNode(tsx('products/health/health.cli.ts'), { CEC_REPORTS_DIR: join(dir, 'bad'), CEC_HEALTH_ALERT_AFTER: '0', CEC_HEALTH_WEBHOOK_FORMAT: 'teams' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stdout).toMatch(/^CEC tenant health: MISCONFIGURED \(exit 2\)/);
    expect(r.stdout).toContain('CEC_HEALTH_ALERT_AFTER: "0" is not a whole number from 1 to 1000');
    expect(r.stdout).toContain('CEC_HEALTH_WEBHOOK_FORMAT: "teams" must be "json" or "slack"');
  });
});
