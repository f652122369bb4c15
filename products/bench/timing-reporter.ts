// A passive Playwright reporter for the suite benchmark (npm run bench:suite): one JSON line per event, appended as it
// happens, so a run that is killed at its deadline still leaves its timeline. Events: the config loaded, onBegin,
// each test's begin and end (worker and parallel lane, status, duration, first error line), each fixture's setup and
// teardown (Playwright reports them as steps of category "fixture"), global errors, onEnd and onExit.
//
//   reporter: [['./products/bench/timing-reporter.ts', { outputFile: 'reports/bench-suite/<scenario>/timing.jsonl' }]]
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { maskText } from '../../src/contract/secrets.js';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';

/** One line of timing.jsonl. `t` is the wall clock (ms since the epoch) when the reporter saw it. */
export type TimingEvent =
  | { e: 'loaded'; t: number }
  | { e: 'begin'; t: number; tests: number; workers: number }
  | { e: 'testBegin'; t: number; id: string; file: string; title: string; workerIndex: number; parallelIndex: number }
  | { e: 'testEnd'; t: number; id: string; file: string; title: string; workerIndex: number; parallelIndex: number; status: string; startTime: number; durationMs: number; retry: number; error?: string }
  | { e: 'fixture'; t: number; id: string; name: string; phase: 'setup' | 'teardown'; durationMs: number; workerIndex: number }
  | { e: 'error'; t: number; message: string }
  | { e: 'end'; t: number; status: string }
  | { e: 'exit'; t: number };

/** The first non-empty line of an error, masked (the main process knows the CEC_* secrets; Bearer tokens always go). */
const firstLine = (s: string | undefined): string | undefined => s === undefined ? undefined : maskText(s).replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 300);

/** 'Fixture "config"' → 'config'. */
const fixtureName = (title: string): string => /^Fixture "(.*)"$/.exec(title)?.[1] ?? title;

export default class TimingReporter implements Reporter {
  private readonly file: string;

  constructor(options: { outputFile?: string } = {}) {
    this.file = options.outputFile ?? process.env.BENCH_TIMING_FILE ?? 'timing.jsonl';
    mkdirSync(dirname(this.file), { recursive: true });
    rmSync(this.file, { force: true });
    this.write({ e: 'loaded', t: Date.now() });
  }

  private write(event: TimingEvent): void {
    appendFileSync(this.file, `${JSON.stringify(event)}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.write({ e: 'begin', t: Date.now(), tests: suite.allTests().length, workers: config.workers });
  }

  onTestBegin(test: TestCase, result: TestResult): void {
    this.write({ e: 'testBegin', t: Date.now(), id: test.id, file: test.location.file, title: test.titlePath().slice(3).join(' › '), workerIndex: result.workerIndex, parallelIndex: result.parallelIndex });
  }

  onStepEnd(test: TestCase, result: TestResult, step: TestStep): void {
    if (step.category !== 'fixture') return;
    // Fixtures set up before the test body sit under "Before Hooks", their teardown under "After Hooks".
    let phase: 'setup' | 'teardown' = 'setup';
    for (let p = step.parent; p; p = p.parent) if (/^After Hooks|^Worker Cleanup/.test(p.title)) phase = 'teardown';
    this.write({ e: 'fixture', t: Date.now(), id: test.id, name: fixtureName(step.title), phase, durationMs: step.duration, workerIndex: result.workerIndex });
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const error = firstLine(result.error?.message ?? result.errors[0]?.message);
    this.write({
      e: 'testEnd', t: Date.now(), id: test.id, file: test.location.file, title: test.titlePath().slice(3).join(' › '),
      workerIndex: result.workerIndex, parallelIndex: result.parallelIndex, status: result.status,
      startTime: result.startTime.getTime(), durationMs: result.duration, retry: result.retry, ...(error ? { error } : {}),
    });
  }

  onError(error: TestError): void {
    this.write({ e: 'error', t: Date.now(), message: firstLine(error.message ?? error.value) ?? '(no message)' });
  }

  onEnd(result: FullResult): void {
    this.write({ e: 'end', t: Date.now(), status: result.status });
  }

  async onExit(): Promise<void> {
    this.write({ e: 'exit', t: Date.now() });
  }
}
