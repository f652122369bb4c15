// Sharding end to end, the way README ("Sharding") says: two shards of the @smoke tests, each with CEC_SHARD_BLOB=1
// and its own reports dir (reports/shard-<i>), then `npm run report:merge` into one HTML report, one JUnit file, one
// Allure report and one coverage page whose counts are the sums of the shards'. With distinctive secrets and a marker
// in every minted token: the blob zips, the merged reports and everything else hold none of them.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DISTINCT_CREDENTIALS, playwrightTest, runNode, SECRET_MARKER, SECRET_NEEDLES, startMock, suiteEnv, tsx } from './helpers.js';
import { scanDir, unzip } from './scan.js';

const junitTests = (file: string): number => Number(/<testsuites\b[^>]*\btests="(\d+)"/.exec(readFileSync(file, 'utf8'))![1]);
const lines = (dir: string): number => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [])
  .reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).length, 0);

/** The stats the Playwright HTML report keeps in its embedded data (report.json inside the base64 zip). */
function htmlReportStats(indexHtml: string): { total: number; expected: number; unexpected: number; skipped: number; flaky: number } {
  const b64 = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(readFileSync(indexHtml, 'utf8'))![1];
  const entry = unzip(Buffer.from(b64, 'base64')).find((e) => e.name === 'report.json')!;
  return (JSON.parse(entry.data.toString('utf8')) as { stats: { total: number; expected: number; unexpected: number; skipped: number; flaky: number } }).stats;
}

test('two shards of @smoke merge into one HTML, JUnit, Allure and coverage report with the sum of their tests', async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'cec-shards-'));
  const mock = await startMock({ MOCK_SECRET_MARKER: SECRET_MARKER }, DISTINCT_CREDENTIALS);
  try {
    const shards = [1, 2];
    for (const i of shards) {
      const r = await runNode(playwrightTest('--grep', '@smoke', `--shard=${i}/2`, `--output=${join(dir, `shard-${i}`, 'test-results')}`),
        // One worker a shard: a shard holds two or three tests, fewer than a second worker process costs to start.
        { ...suiteEnv(mock.url, DISTINCT_CREDENTIALS), CEC_SHARD_BLOB: '1', CEC_REPORTS_DIR: join(dir, `shard-${i}`), CEC_SEED: '77', CEC_WORKERS: '1' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      // A shard writes its blob (and its JUnit), not a partial HTML or Allure report.
      expect(readdirSync(join(dir, `shard-${i}`, 'blob')).filter((f) => f.endsWith('.zip'))).toHaveLength(1);
      expect(existsSync(join(dir, `shard-${i}`, 'html'))).toBe(false);
      expect(existsSync(join(dir, `shard-${i}`, 'allure-results'))).toBe(false);
    }
    const perShard = shards.map((i) => junitTests(join(dir, `shard-${i}`, 'junit.xml')));
    for (const n of perShard) expect(n).toBeGreaterThan(0);
    const sum = perShard.reduce((a, b) => a + b, 0);
    const exchangeSum = shards.reduce((n, i) => n + lines(join(dir, `shard-${i}`, 'exchanges')), 0);

    const merged = await runNode(tsx('products/reports/report-merge.cli.ts'), { CEC_REPORTS_DIR: dir }, 120_000);
    expect(merged.status, merged.stdout + merged.stderr).toBe(0);
    expect(junitTests(join(dir, 'junit.xml'))).toBe(sum);
    const stats = htmlReportStats(join(dir, 'html', 'index.html'));
    expect(stats.total).toBe(sum);
    expect(stats.expected).toBe(sum);
    expect(readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'))).toHaveLength(sum);
    expect(existsSync(join(dir, 'allure', 'index.html'))).toBe(true);
    const allureSummary = JSON.parse(readFileSync(join(dir, 'allure', 'summary.json'), 'utf8')) as { stats: { total: number; passed?: number } };
    expect(allureSummary.stats.total).toBe(sum);
    const coverage = JSON.parse(readFileSync(join(dir, 'coverage', 'coverage.json'), 'utf8')) as { exchanges: number };
    expect(coverage.exchanges).toBe(exchangeSum);
    // The merged Allure results keep the labels set at run time in each shard.
    const result = readdirSync(join(dir, 'allure-results')).find((f) => f.endsWith('-result.json'))!;
    const labels = (JSON.parse(readFileSync(join(dir, 'allure-results', result), 'utf8')) as { labels: Array<{ name: string }> }).labels;
    expect(labels.some((l) => l.name === 'operationId')).toBe(true);
    // No secret in any shard's blob zip, nor in the merged reports.
    const { hits } = scanDir(dir, SECRET_NEEDLES);
    expect(hits.map((h) => `${h.needle} in ${h.where}`)).toEqual([]);
  } finally {
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
