// After a health run: tonight's record added to the history, the run's Allure report built with Allure's own history,
// and the health page written. None of it changes the verdict or the exit code; a step that fails says so and the
// others still happen.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateAllure } from '../reports/allure.js';
import type { HealthReport } from './classify.js';
import { findingsOfRun } from './findings.js';
import { appendNight, historyFiles, nightOf, type Night, type NightRules } from './history.js';
import { writeHealthPage, type PageLink, type PageOptions } from './page.js';
import type { ConformanceStatement } from '../conformance/statement.js';

/** Tonight's statement in numbers, when the run wrote one (<runDir>/conformance.json). */
function rulesOfRun(runDir: string): NightRules | undefined {
  const file = join(runDir, 'conformance.json');
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as ConformanceStatement;
    const c = s.counts.refuse;
    return { refuse: Object.values(c).reduce((a, b) => a + b, 0), verified: c.verified, notReached: c['not-reached'], noCheck: c['no-check'], lostCoverage: s.lostCoverage.length };
  } catch {
    return undefined;
  }
}

export interface NightInput {
  /** The reports directory (health.json, health-history/). */
  reportsDir: string;
  /** The health run's own directory (<reports>/health): its reports, and where the page goes. */
  runDir: string;
  /** The masked health report, as written to health.json. */
  report: HealthReport;
  seed?: string;
  /** Nights to keep (CEC_HEALTH_HISTORY_NIGHTS). */
  keep: number;
  /** What the page says of the budgets, the quarantine and the alerts. */
  page?: Pick<PageOptions, 'budgets' | 'quarantine' | 'alert' | 'certDays'>;
}

export interface NightOutput {
  nights: Night[];
  page: string;
  /** What went wrong on the way (the Allure report could not be built, …). */
  problems: string[];
}

const hasResults = (dir: string): boolean => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('-result.json'));

export function recordNight(i: NightInput): NightOutput {
  const problems: string[] = [];
  const files = historyFiles(i.reportsDir);
  const nights = appendNight(files.nights, nightOf(i.report, findingsOfRun(i.runDir, i.report), i.seed, rulesOfRun(i.runDir)), i.keep);

  mkdirSync(i.runDir, { recursive: true });
  const results = join(i.runDir, 'allure-results');
  if (hasResults(results)) {
    const failed = generateAllure({ results, output: join(i.runDir, 'allure'), name: 'CEC tenant health', historyPath: files.allure, historyLimit: i.keep });
    if (failed) problems.push(`the Allure report could not be built: ${failed.split('\n').slice(-3).join(' ')}`);
  }

  const at = (...p: string[]): string => relative(i.runDir, join(...p)).split('\\').join('/');
  const candidates: Array<PageLink & { path: string }> = [
    { label: 'Playwright report', path: join(i.runDir, 'html', 'index.html') },
    { label: 'Allure report (with history)', path: join(i.runDir, 'allure', 'index.html') },
    { label: 'Findings', path: join(i.runDir, 'findings', 'index.html') },
    { label: 'Conformance statement', path: join(i.runDir, 'conformance', 'index.html') },
    { label: 'health.json', path: join(i.reportsDir, 'health.json') },
    { label: 'history (nights.jsonl)', path: files.nights },
  ].map((l) => ({ ...l, href: at(l.path) }));
  const page = join(i.runDir, 'index.html');
  writeHealthPage(page, nights, {
    links: candidates.filter((l) => existsSync(l.path)).map(({ label, href }) => ({ label, href })),
    historyFile: relative(i.reportsDir, files.nights) || files.nights,
    keep: i.keep,
    ...i.page,
  });
  return { nights, page, problems };
}
