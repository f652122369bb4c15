// The tenant's TLS certificate, watched like a monitor watches it: the mock tenant served over TLS (a real Fastify
// HTTPS server) with a certificate of its own that ends in 10 days, npm run health against it with a webhook (a real
// HTTP receiver): the night is HEALTHY (a certificate is never a failure), health.json and the page carry the
// warning, and the one alert posted says so; a second night with the same certificate is warned again but not alerted
// again (alerted once). The suite trusts the self-signed certificate with CEC_INSECURE_TLS=1
// (trust is the suite's business; the certificate check reads the certificate whether or not it is trusted).
// The nights are about the certificate, not the breadth of the checks: each is a partial night of one check
// (`--grep`; health-nights.spec.ts runs the whole health check).
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { generate } from 'selfsigned';
import { buildApp } from '../../mock/app.js';
import type { AlertPayload } from '../../products/health/alerts.js';
import { readCertificate } from '../../products/health/certificate.js';
import type { HealthReport } from '../../products/health/classify.js';
import { pagesFromDisk, runNode, SCREENSHOTS, SECRET_NEEDLES, suiteEnv, tsx } from './helpers.js';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const DAY_MS = 86_400_000;
/** One cheap check: a night needs a check that passes to be HEALTHY. */
const ONE_CHECK = 'tokenByAkSk issues';
let dir: string;
let mock: FastifyInstance;
let url: string;
let receiver: Server;
let hook: string;
const alerts: string[] = [];
let validTo: Date;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cec-health-cert-'));
  // Ends in 10 days (and an hour: 10 whole days are left when the night reads it).
  validTo = new Date(Date.now() + 10 * DAY_MS + 3_600_000);
  const pems = await generate([{ name: 'commonName', value: 'tenant.selftest' }], {
    keySize: 2048, algorithm: 'sha256', notBeforeDate: new Date(Date.now() - DAY_MS), notAfterDate: validTo,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  mock = buildApp({ tls: { key: pems.private, cert: pems.cert }, logLevel: 'error', agentDelayMs: 100 });
  await mock.listen({ port: 0, host: '127.0.0.1' });
  url = `https://127.0.0.1:${(mock.server.address() as AddressInfo).port}`;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString('utf8'); });
    req.on('end', () => { alerts.push(body); res.end('ok'); });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${'CertHookTokenZq42'}`;
});
test.afterAll(async () => {
  await mock?.close();
  receiver?.close();
  if (dir && !process.env.CEC_KEEP_SELFTEST_REPORTS) rmSync(dir, { recursive: true, force: true });
});

test('the certificate is read with a TLS handshake of its own: its end date, days left, not trusted by default', async () => {
  const c = await readCertificate('127.0.0.1', Number(new URL(url).port), 21);
  expect(c).toMatchObject({ endpoint: `127.0.0.1:${new URL(url).port}`, daysLeft: 10, subject: 'tenant.selftest', trusted: false });
  expect(Math.abs(Date.parse(c.validTo!) - validTo.getTime())).toBeLessThan(1000);
  expect(c.warning).toContain('in 10 days (warned within 21)');
  expect((await readCertificate('127.0.0.1', Number(new URL(url).port), 9)).warning).toBeUndefined();
  expect((await readCertificate('127.0.0.1', 9, 21)).error).toBeTruthy();
});

let report: HealthReport;

test('a night against the mock over TLS, its certificate ending in 10 days: HEALTHY, with the warning in health.json, the summary and one alert', async () => {
  const r = await runNode(tsx('products/health/health.cli.ts', '--grep', ONE_CHECK), {
    ...suiteEnv(url), CEC_INSECURE_TLS: '1', CEC_REPORTS_DIR: dir, CEC_HEALTH_MAX_RPS: '200', CI: '1',
    CEC_HEALTH_WEBHOOK_URL: hook, CEC_HEALTH_PAGE_URL: 'https://ci.example.com/health/index.html',
    // Tonight is about the certificate: no latency budgets (health-budgets.yaml is the embedded mock's, over http).
    CEC_HEALTH_BUDGETS: join(dir, 'no-budgets.yaml'),
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toMatch(/^CEC tenant health: HEALTHY \(exit 0\)/);
  expect(r.stdout).toMatch(/certificate: the TLS certificate of 127\.0\.0\.1:\d+ ends on \d{4}-\d\d-\d\d, in 10 days \(warned within 21\)/);
  expect(r.stdout).toMatch(/alert: +posted \(certificate\) to http:\/\/127\.0\.0\.1:\d+, HTTP 200/);
  report = JSON.parse(readFileSync(join(dir, 'health.json'), 'utf8')) as HealthReport;
  expect(report).toMatchObject({ verdict: 'healthy', exitCode: 0, grep: ONE_CHECK, alert: { state: 'posted', reasons: ['certificate'], status: 200 } });
  expect(report.counts).toMatchObject({ ok: 1, failed: 0, unreachable: 0 });
  expect(report.certificates).toEqual([expect.objectContaining({ daysLeft: 10, subject: 'tenant.selftest', trusted: false, warning: expect.stringContaining('in 10 days') })]);
  // Exactly one alert, about the certificate, with the page's link; no secret in it (nor the webhook's token).
  expect(alerts).toHaveLength(1);
  const alert = JSON.parse(alerts[0]) as AlertPayload;
  expect(alert).toMatchObject({ verdict: 'healthy', exitCode: 0, reasons: ['certificate'], page: 'https://ci.example.com/health/index.html', redNights: 0 });
  expect(alert.certificates).toEqual([report.certificates![0].warning]);
  for (const needle of [...Object.values(SECRET_NEEDLES), 'CertHookTokenZq42']) {
    expect(alerts[0]).not.toContain(needle);
    expect(readFileSync(join(dir, 'health.json'), 'utf8')).not.toContain(needle);
  }
});

test('a second night with the same certificate: still warned on the page and in health.json, not alerted again', async () => {
  const r = await runNode(tsx('products/health/health.cli.ts', '--grep', ONE_CHECK), {
    ...suiteEnv(url), CEC_INSECURE_TLS: '1', CEC_REPORTS_DIR: dir, CEC_HEALTH_MAX_RPS: '200', CI: '1',
    CEC_HEALTH_WEBHOOK_URL: hook, CEC_HEALTH_BUDGETS: join(dir, 'no-budgets.yaml'),
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  const second = JSON.parse(readFileSync(join(dir, 'health.json'), 'utf8')) as HealthReport;
  expect(second).toMatchObject({ verdict: 'healthy', alert: { state: 'not-due', reasons: [] } });
  expect(second.certificates![0].warning).toContain('in 10 days');
  expect(alerts).toHaveLength(1);
});

test.describe('in a browser, from disk', () => {
  const { open } = pagesFromDisk();

  test('the page: HEALTHY, the certificate warning at the top and the certificate in "How tonight was judged"', async () => {
    const page = await open(join(dir, 'health', 'index.html'));
    await expect(page.locator('#verdict')).toHaveAttribute('data-verdict', 'healthy');
    await expect(page.locator('#certificate-warning')).toContainText('ends on');
    await expect(page.locator('#certificate-warning')).toContainText('in 10 days');
    await expect(page.locator('#certificates tr.warning')).toHaveAttribute('data-days-left', '10');
    await expect(page.locator('#judged')).toContainText('To the webhook (CEC_HEALTH_WEBHOOK_URL)');
    await page.screenshot({ path: join(SCREENSHOTS, 'health-certificate.png'), fullPage: true });
    expect(statSync(join(SCREENSHOTS, 'health-certificate.png')).size).toBeGreaterThan(20_000);
    await page.close();
  });
});
