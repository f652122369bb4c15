// The conformance suite exactly as `npm run conformance` runs it (the root playwright.config.ts: same tests, workers,
// reporters, embedded mock), plus two passive reporters for the suite benchmark: Playwright's JSON report and the
// timing events (timing-reporter.ts). Paths the root config gives relative to itself are made absolute here, since
// Playwright resolves them against the directory of the config file it was handed.
//
//   BENCH_RUN_DIR=reports/bench-suite/<scenario> CEC_REPORTS_DIR=… npx playwright test -c products/bench/playwright.config.ts
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import root from '../../playwright.config.js';
import type { SuiteOptions } from '../../fixtures/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const runDir = resolve(ROOT, process.env.BENCH_RUN_DIR ?? join('reports', 'bench-suite', 'adhoc'));

/** A reporter given by a relative path (the findings reporter) is a file of the project. */
const fromRoot = ([name, options]: ReporterDescription): ReporterDescription =>
  (name.startsWith('.') ? [join(ROOT, name), options] : [name, options]) as ReporterDescription;

/** The root config's global setups (the embedded mock in-process, a mutant when MOCK_MUTATION says so; then the tenant probe), from the project root. */
const globalSetup = [root.globalSetup ?? []].flat().map((file) => join(ROOT, file));

export default defineConfig<SuiteOptions>({
  ...root,
  testDir: join(ROOT, 'tests'),
  outputDir: join(runDir, 'test-results'),
  globalSetup,
  reporter: [
    ...(root.reporter as ReporterDescription[]).map(fromRoot),
    ['json', { outputFile: join(runDir, 'playwright.json') }],
    [join(ROOT, 'products', 'bench', 'timing-reporter.ts'), { outputFile: join(runDir, 'timing.jsonl') }],
  ],
});
