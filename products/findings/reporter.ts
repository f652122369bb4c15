// A Playwright reporter that turns the run's observations into findings: reports/findings.json, the findings page
// (reports/findings/index.html) and the end of the terminal output. It also decides the run's exit status: a run
// whose failing findings are all known (in the baseline) passes the gate, though its failed tests stay failed in
// every report.
//
//   reporter: [['./products/findings/reporter.ts', { reportsDir, baselineFile, tenant, seed, strict }]]
//   --reporter=…,./products/findings/reporter.ts      (options from the suite's configuration, as the run has it)
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { join } from 'node:path';
import { contract } from '../../src/contract/contract.js';
import { HELD_ATTACHMENT, OBSERVATION_ATTACHMENT, type Observation } from '../../src/contract/findings.js';
import { inventoryOf } from '../../src/contract/inventory.js';
import { maskText } from '../../src/contract/secrets.js';
import { loadConfig, PROJECT_ROOT } from '../../src/suite/config.js';
import { readReference, REFERENCE_FILE } from '../conformance/reference.js';
import { buildStatement, lostCoverageLines, summaryLine } from '../conformance/statement.js';
import { writeStatement } from '../conformance/write.js';
import { withEmbeddedMockCredentials } from '../embedded-mock/credentials.js';
import { readBaseline } from './baseline.js';
import type { TestOutcome } from './model.js';
import { buildReport, summarize } from './report.js';
import { writeFindings } from './write.js';

export interface FindingsReporterOptions {
  reportsDir: string;
  baselineFile: string;
  tenant: string;
  seed: string;
  strict: boolean;
  /** Rules switched off by id (CEC_SKIP_RULES), with the reason. */
  skipRules: Record<string, string>;
  /** CEC_REQUIRE_COVERAGE=1: lost coverage fails the gate. */
  requireCoverage: boolean;
  /** The embedded mock's reference of what it reaches (conformance-reference.json). */
  referenceFile: string;
  /** 'mock' or 'tenant', and the mock's profile when it is the mock. */
  target: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const firstLines = (e: TestError): string => (e.message ?? e.value ?? '').replace(ANSI, '').split('\n').filter((l) => l.trim()).slice(0, 4).join('\n');

function attached<T>(result: TestResult, name: string): T[] {
  const a = result.attachments.find((x) => x.name === name);
  if (!a) return [];
  try {
    return JSON.parse((a.body ?? readFileSync(a.path!)).toString('utf8')) as T[];
  } catch {
    return [];
  }
}
const observationsOf = (result: TestResult): Observation[] => attached<Observation>(result, OBSERVATION_ATTACHMENT);

/** A run that stopped early reached little: its lost coverage is not the tenant's. */
const globalOrStopped = (r: { globalErrors: string[]; stopped?: string }): boolean => r.globalErrors.length > 0 || r.stopped !== undefined;

export default class FindingsReporter implements Reporter {
  private readonly outcomes = new Map<TestCase, TestOutcome>();
  private readonly globalErrors: string[] = [];
  private startedAt = new Date();

  private readonly options: FindingsReporterOptions;

  constructor(options?: Partial<FindingsReporterOptions>) {
    const needed = !options?.reportsDir || !options.baselineFile || options.tenant === undefined || options.seed === undefined || options.strict === undefined
      || options.skipRules === undefined || options.requireCoverage === undefined || options.target === undefined;
    const c = needed ? loadConfig(withEmbeddedMockCredentials(process.env)) : undefined;
    this.options = {
      reportsDir: options?.reportsDir ?? c!.reportsDir, baselineFile: options?.baselineFile ?? c!.baselineFile,
      tenant: options?.tenant ?? c!.baseUrl, seed: options?.seed ?? c!.seed, strict: options?.strict ?? c!.strict,
      skipRules: options?.skipRules ?? c!.skipRules, requireCoverage: options?.requireCoverage ?? c!.requireCoverage,
      referenceFile: options?.referenceFile ?? join(PROJECT_ROOT, REFERENCE_FILE), target: options?.target ?? c!.target,
    };
  }

  /** `playwright test --list` runs no test: it must not overwrite the last run's findings. */
  private readonly listing = process.argv.includes('--list');

  private planned = 0;

  onBegin(_config: unknown, suite: Suite): void {
    this.startedAt = new Date();
    this.planned = suite.allTests().length;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const path = test.titlePath();
    const fileAt = path.findIndex((p) => /\.spec\.ts$/.test(p));
    this.outcomes.set(test, {
      name: path.slice(fileAt >= 0 ? fileAt : 0).filter(Boolean).join(' › '),
      status: result.status,
      observations: observationsOf(result),
      errors: result.errors.map(firstLines),
      operationIds: test.annotations.filter((a) => a.type === 'operationId' && a.description).map((a) => a.description!),
      held: attached<string>(result, HELD_ATTACHMENT),
      ...(result.status === 'skipped' ? { skipReason: [...result.annotations, ...test.annotations].find((a) => a.type === 'skip')?.description ?? 'skipped' } : {}),
    });
  }

  onError(error: TestError): void {
    this.globalErrors.push(maskText(firstLines(error)));
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    if (this.listing) return undefined;
    const o = this.options;
    const outcomes = [...this.outcomes.values()];
    // Tests that never ran: the smoke gate failed (its dependants are skipped), or the run hit its deadline.
    const notRun = this.planned - outcomes.length;
    const smokeFailed = [...this.outcomes.entries()].some(([t, x]) => t.parent.project()?.name === 'smoke' && (x.status === 'failed' || x.status === 'timedOut'));
    const stopped = notRun > 0 ? (smokeFailed ? `${notRun} tests were not run: the @smoke tests failed, and every other test would only meet the same findings`
      : result.status === 'timedout' ? `${notRun} tests were not run: the run hit its deadline (CEC_RUN_DEADLINE_S)` : `${notRun} tests were not run`) : undefined;
    const report = buildReport(outcomes, readBaseline(o.baselineFile), {
      startedAt: this.startedAt.toISOString(), durationMs: result.duration, tenant: maskText(o.tenant), seed: o.seed, strict: o.strict,
      baselineFile: relative(process.cwd(), o.baselineFile) || o.baselineFile,
    }, this.globalErrors, undefined, stopped, o.skipRules);
    // The statement: every rule of the inventory, verified or why not.
    const statement = buildStatement({
      inventory: inventoryOf(contract()), tests: outcomes, findings: report.findings, reference: readReference(o.referenceFile),
      skipRules: o.skipRules, requireCoverage: o.requireCoverage,
      run: { startedAt: report.run.startedAt, tenant: report.run.tenant, seed: o.seed, target: o.target, ...(o.target === 'mock' ? { profile: process.env.MOCK_PROFILE || 'default' } : {}) },
    });
    const lostFails = o.requireCoverage && statement.lostCoverage.length > 0 && !globalOrStopped(report);
    if (lostFails && report.gate.passed) report.gate = { passed: false, reason: `${statement.lostCoverage.length} refuse rule(s) the embedded mock reaches were not reached (CEC_REQUIRE_COVERAGE=1)` };
    const page = writeFindings(o.reportsDir, report, {
      'Conformance statement': '../conformance/index.html', 'Playwright report': '../html/index.html', 'Allure report': '../allure/index.html', 'Spec coverage': '../coverage/index.html', 'Health': '../health/index.html',
    });
    const statementPage = writeStatement(o.reportsDir, statement, { Findings: '../findings/index.html', Health: '../health/index.html', 'Playwright report': '../html/index.html' });
    const lost = lostCoverageLines(statement).map((l) => `  ${l}`);
    process.stdout.write(`${maskText(summarize(report, page))}\n  Rules: ${summaryLine(statement)}. Statement: ${statementPage}\n${lost.length ? `${lost.join('\n')}\n` : ''}`);
    if (lostFails && result.status === 'passed') return { status: 'failed' };
    // Known failures pass the gate; Playwright's own verdict stands otherwise (interrupted, timed out, new failures).
    if (result.status === 'failed' && report.gate.passed && report.counts.failed > 0) return { status: 'passed' };
    return undefined;
  }

  printsToStdio(): boolean {
    return false;
  }
}
