// A benchmark run's directory (<reports>/bench-suite/<scenario>/) read back: what the run left (timing events,
// Playwright's JSON report, exchange records, the health report, everything it printed) and what the benchmark
// measured beside it (run.json). `npm run bench:suite -- --recompute` and the self-test compute figures from it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExchanges } from '../../src/contract/exchange.js';
import { maskText, registerSecret } from '../../src/contract/secrets.js';
import { MOCK_DEFAULTS } from '../../mock/credentials.js';
import type { HealthReport } from '../health/classify.js';
import { computeFigures, SUMMARY, type PwReport, type RunFigures, type RunInputs } from './figures.js';
import type { Scenario } from './scenarios.js';
import type { TimingEvent } from './timing-reporter.js';

// The runs use the mock's credentials: what the benchmark keeps of their output is masked by them too.
for (const secret of [MOCK_DEFAULTS.appSecret, MOCK_DEFAULTS.agentGuid, MOCK_DEFAULTS.agentPassword]) registerSecret(secret);

function readJson<T>(path: string): T | undefined {
  try { return JSON.parse(readFileSync(path, 'utf8')) as T; } catch { return undefined; }
}

/** What a run leaves in its directory (<reports>/bench-suite/<scenario>/), read back. */
export function readRun(runDir: string, command: Scenario['command']): Pick<RunInputs, 'timing' | 'report' | 'records' | 'exchangeFiles' | 'health'> & { timing: TimingEvent[] } {
  // A health run keeps its own reports one level down (products/health/health.cli.ts: <reports>/health/).
  const pwDir = command === 'health' ? join(runDir, 'health') : runDir;
  const exchangesDir = join(pwDir, 'exchanges');
  return {
    timing: readTiming(join(runDir, 'timing.jsonl')),
    report: readJson<PwReport>(join(pwDir, 'playwright.json')),
    records: readExchanges(exchangesDir),
    exchangeFiles: existsSync(exchangesDir) ? readdirSync(exchangesDir).filter((f) => f.endsWith('.jsonl')) : [],
    health: command === 'health' ? readJson<HealthReport>(join(runDir, 'health.json')) : undefined,
  };
}

/** What the benchmark measured beside the run (run.json in its directory): with readRun(), the inputs of the figures. */
export type MeasuredBeside = Omit<RunInputs, 'timing' | 'report' | 'records' | 'exchangeFiles' | 'health'>;

/** The figures of a run directory, recomputed from run.json and the files the run left. */
export function figuresOfRunDir(runDir: string): RunFigures {
  const measured = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as MeasuredBeside;
  // The whole of what it printed, when the log is still there (run.json keeps only the telling lines).
  const log = join(runDir, 'output.log');
  const run = existsSync(log) ? { ...measured.run, output: maskText(readFileSync(log, 'utf8')) } : measured.run;
  return computeFigures({ ...measured, run, ...readRun(runDir, measured.command) });
}

/** The lines of what the run printed that say something (Playwright's counts, the health verdict) and the last ones:
 *  enough for what it said, not the whole log (that is output.log). */
export function telling(output: string): string {
  const lines = output.split('\n');
  const last = lines.slice(-40);
  return [...lines.slice(0, -40).filter((l) => SUMMARY.test(l) || l.startsWith('CEC tenant health:')), ...last].join('\n');
}

function readTiming(path: string): TimingEvent[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).flatMap((l) => {
    try { return [JSON.parse(l) as TimingEvent]; } catch { return []; }
  });
}
