// The GitHub workflow and .ci/run agree with the scripts they call: every `npm run` exists, shards write where the
// merge looks, the nightly health check gets only settings the suite reads and keeps its history from night to night,
// and .ci/run is the README's quick start.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { VARIABLES } from '../../src/suite/config.js';
import { HEALTH_VARIABLES } from '../../products/health/settings.js';
import { historyFiles } from '../../products/health/history.js';
import { ROOT } from './helpers.js';

interface Step { run?: string; uses?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { if?: string; needs?: string | string[]; steps: Step[]; strategy?: { matrix: Record<string, unknown[]> } }
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/conformance.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const runs = (job: Job): string[] => job.steps.map((s) => s.run ?? '').filter(Boolean);

test('every npm script the workflow runs exists', () => {
  const used = Object.values(workflow.jobs).flatMap(runs).flatMap((r) => [...r.matchAll(/npm (?:run )?([\w:-]+)/g)].map((m) => m[1])).filter((n) => n !== 'ci');
  expect(used.length).toBeGreaterThan(2);
  for (const name of used) expect(name === 'test' ? scripts.test : scripts[name], `npm run ${name}`).toBeTruthy();
});

test('pull requests: self-tests (lint included) with a browser, the sharded mock run, and one merged report', () => {
  expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'schedule']));
  const selftest = workflow.jobs.selftest;
  expect(runs(selftest)).toContain('npm test');
  expect(scripts.test).toContain('npm run lint');
  // The README's quick start and nothing else: npm ci brings the browser self-tests' Chromium.
  expect(runs(selftest)).toEqual(['npm ci', 'npm test']);

  const shard = workflow.jobs['conformance-shard'];
  const shards = shard.strategy!.matrix.shard;
  expect(shards.length).toBeGreaterThan(1);
  const run = shard.steps.find((s) => s.run?.includes('playwright test'))!;
  expect(run.run).toContain(`--shard=\${{ matrix.shard }}/${shards.length}`);
  expect(run.env).toMatchObject({ CEC_SHARD_BLOB: '1', CEC_REPORTS_DIR: 'reports/shard-${{ matrix.shard }}' });
  expect(run.env!.CEC_SEED).toBeTruthy();
  const upload = shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  expect(upload.with).toMatchObject({ name: 'shard-${{ matrix.shard }}', path: 'reports/shard-${{ matrix.shard }}/' });

  const report = workflow.jobs['conformance-report'];
  expect(report.needs).toBe('conformance-shard');
  const download = report.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
  // Into reports/<artifact name> = reports/shard-<i>: where report:merge gathers shards from.
  expect(download.with).toMatchObject({ pattern: 'shard-*', path: 'reports' });
  expect(download.with!['merge-multiple']).toBeUndefined();
  expect(runs(report)).toContain('npm run report:merge');
  expect(readFileSync(join(ROOT, 'products/reports/report-merge.cli.ts'), 'utf8')).toContain('/^shard-/');
});

test('nightly: the health check from repository secrets, only with settings the suite reads', () => {
  const health = workflow.jobs['nightly-health'];
  expect(health.if).toContain("'schedule'");
  const step = health.steps.find((s) => s.run === 'npm run health')!;
  expect(step).toBeTruthy();
  for (const name of Object.keys(step.env ?? {})) expect([...VARIABLES, ...HEALTH_VARIABLES] as readonly string[], name).toContain(name);
  expect(step.env!.CEC_BASE_URL).toBe('${{ secrets.CEC_BASE_URL }}');
  expect(step.env!.CEC_APP_SECRET).toBe('${{ secrets.CEC_APP_SECRET }}');
  // The health check never signs an agent in: no password.
  expect(step.env!.CEC_AGENT_PASSWORD).toBeUndefined();
  const upload = health.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  expect(upload.with!.path).toBe('reports/');
  expect(upload.if).toBe('always()');
});

test('nightly: the history of earlier nights is restored before the health check and saved after it, whatever the verdict', () => {
  const health = workflow.jobs['nightly-health'];
  const at = (pred: (s: Step) => boolean): number => health.steps.findIndex(pred);
  const check = at((s) => s.run === 'npm run health');
  const restore = health.steps[at((s) => !!s.uses?.startsWith('actions/cache/restore@'))];
  const save = health.steps[at((s) => !!s.uses?.startsWith('actions/cache/save@'))];
  expect(restore && save, 'actions/cache/restore and actions/cache/save steps').toBeTruthy();
  expect(at((s) => s === restore)).toBeLessThan(check);
  expect(at((s) => s === save)).toBeGreaterThan(check);
  // The folder the health check keeps its history in (reports/ is the default CEC_REPORTS_DIR, not overridden here).
  const folder = `${relative(ROOT, historyFiles(join(ROOT, 'reports')).dir)}/`;
  expect(folder).toBe('reports/health-history/');
  expect(health.steps[check].env!.CEC_REPORTS_DIR).toBeUndefined();
  expect(restore.with!.path).toBe(folder);
  expect(save.with!.path).toBe(folder);
  // One cache entry per run (entries are immutable), found again by its prefix the next night.
  const key = String(save.with!.key);
  expect(key).toContain('${{ github.run_id }}');
  expect(restore.with!.key).toBe(key);
  expect(key.startsWith(String(restore.with!['restore-keys']))).toBe(true);
  expect(save.if).toBe('always()');
  // The night's Markdown summary on the run's page, also after a broken night.
  const summary = health.steps.find((s) => s.run?.includes('$GITHUB_STEP_SUMMARY'))!;
  expect(summary.run).toMatch(/^npm run health:summary --silent >> "\$GITHUB_STEP_SUMMARY"$/);
  expect(summary.if).toBe('always()');
  expect(at((s) => s === summary)).toBeGreaterThan(check);
  // The history travels with the reports artifact too (reports/ holds reports/health-history/).
  const upload = health.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  expect(folder.startsWith(String(upload.with!.path))).toBe(true);
});

test('.ci/run is the README\'s quick start: npm ci, then npm test, and nothing else', () => {
  const script = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  const commands = script.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  expect(commands).toEqual(['set -euo pipefail', 'cd "$(dirname "$0")/.."', 'npm ci --no-audit --no-fund', 'npm test']);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toContain('npm ci && npm test');
});

test('the self-tests run on the Node lines package.json claims, the lowest included', () => {
  const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lines = workflow.jobs.selftest.strategy!.matrix.node as number[];
  expect(lines).toEqual(expect.arrayContaining([22, 24]));
  const claimed = [...engines.node.matchAll(/(\d+)\.\d+\.\d+/g)].map((m) => Number(m[1]));
  expect(lines).toContain(Math.min(...claimed));
  for (const line of lines) expect(claimed.some((c) => c <= line), `Node ${line} within engines ${engines.node}`).toBe(true);
  expect(Number(process.versions.node.split('.')[0]), 'this Node is a line the workflow runs').toBeGreaterThanOrEqual(Math.min(...claimed));
});

test('the conformance run needs no browser: nothing on its path imports the self-tests\' Chromium', () => {
  const onPath = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.ts'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n').filter((f) => f && !f.startsWith('selftest/'));
  expect(onPath.length).toBeGreaterThan(20);
  for (const file of onPath) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(text, file).not.toMatch(/@sparticuz\/chromium|selftest\/browser/);
  }
});
