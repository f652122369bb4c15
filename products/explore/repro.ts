// Writes a shrunk failing sequence as a ready-to-run Playwright test under <reports>/explore/: the steps as data,
// replayed by the same model and checks, so the file fails on its own against the same tenant (or mutant). A small
// Playwright config beside it runs files from there with the suite's configuration. Secrets never reach the file:
// the steps hold no credentials (the suite's configuration supplies them) and the text is masked before writing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { maskText } from '../../src/contract/secrets.js';
import { PROJECT_ROOT } from '../../src/suite/config.js';
import type { ExploreFailure } from './runner.js';
import { describe } from './steps.js';

export const reproDir = (reportsDir: string): string => join(reportsDir, 'explore');

/** An import path from `fromDir` to a project file, as ESM wants it (./ or ../, .js). */
function importPath(fromDir: string, projectFile: string): string {
  const rel = relative(fromDir, join(PROJECT_ROOT, projectFile)).replace(/\\/g, '/').replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

const comment = (text: string): string => text.split('\n').map((l) => `// ${l}`.trimEnd()).join('\n');

export interface ReproContext {
  /** MOCK_MUTATION of the mock that failed, if known (for the run instructions). */
  mutation?: string;
  /** The target the failure happened on (masked). */
  target: string;
}

/** The flags that make npm run explore replay the counterexample (the same seed, path and sequence bounds). */
export const replayFlags = (f: ExploreFailure): string =>
  `--seed=${f.seed}${f.path ? ` --path=${f.path}` : ''}${f.bounds ? ` --max-customers=${f.bounds.maxCustomers} --max-steps=${f.bounds.maxSteps}` : ''}`;

/** The repro spec's text. */
export function reproSource(failure: ExploreFailure, dir: string, ctx: ReproContext): string {
  const first = failure.message.split('\n')[0];
  const title = `exploration repro (seed ${failure.seed}): ${first.length > 100 ? `${first.slice(0, 100)}…` : first}`;
  const file = `repro-${failure.seed}.spec.ts`;
  const cfg = relative(PROJECT_ROOT, join(dir, 'playwright.config.ts')) || 'playwright.config.ts';
  const run = `${ctx.mutation ? `MOCK_MUTATION=${ctx.mutation} ` : ''}npx playwright test -c ${cfg} ${relative(PROJECT_ROOT, join(dir, file))}`;
  const text = `${comment([
    `Written by npm run explore: the shortest sequence of steps it found that breaks a documented rule.`,
    `Target: ${ctx.target}${ctx.mutation ? ` (MOCK_MUTATION=${ctx.mutation})` : ''}; fast-check seed ${failure.seed}${failure.path ? `, path "${failure.path}"` : ''}; ${failure.shrinks} shrinks.`,
    '',
    'What failed:',
    ...failure.message.split('\n').map((l) => `  ${l}`),
    '',
    'The steps:',
    ...failure.steps.map((s, i) => `  ${String(i + 1).padStart(2)}. ${describe(s)}`),
    '',
    'Run it (the same configuration as the suite: CEC_* variables or .env; without CEC_BASE_URL the embedded mock,',
    'which is reused when one already listens on MOCK_PORT: stop it, or pick another MOCK_PORT):',
    `  ${run}`,
    `Or replay with fast-check: npm run explore -- ${replayFlags(failure)}`,
  ].join('\n'))}
import { exploreTest as test } from '${importPath(dir, 'products/explore/playwright.ts')}';
import type { Step } from '${importPath(dir, 'products/explore/steps.ts')}';

const STEPS: Step[] = [
${failure.steps.map((x) => `  ${JSON.stringify(x)},`).join('\n')}
];

test(${JSON.stringify(title)}, { tag: ['@explore-repro'] }, async ({ explore }) => {
  await explore.replay({ customers: ${failure.customers}, steps: STEPS });
});
`;
  return maskText(text);
}

/** The config that runs repro files from their directory with the suite's settings (the root's global setups: the
 * embedded mock, a mutant when MOCK_MUTATION says so, unless CEC_BASE_URL names a tenant; then the tenant probe). */
export function reproConfigSource(dir: string): string {
  const root = relative(dir, PROJECT_ROOT).replace(/\\/g, '/') || '.';
  return `// Runs the exploration's repro files (repro-*.spec.ts) here with the conformance suite's configuration.
import { defineConfig } from '@playwright/test';
import base from '${importPath(dir, 'playwright.config.ts')}';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'repro-*.spec.ts',
  outputDir: './test-results',
  // The root's global setups, from here (Playwright resolves them against this file's directory).
  globalSetup: [base.globalSetup ?? []].flat().map((file) => \`${root}/\${file.replace(/^\\.\\//, '')}\`),
  reporter: [['list']],
});
`;
}

/** Writes the repro spec (and its config, once); returns the spec's path. */
export function writeRepro(reportsDir: string, failure: ExploreFailure, ctx: ReproContext): string {
  const dir = reproDir(reportsDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `repro-${failure.seed}.spec.ts`);
  writeFileSync(file, reproSource(failure, dir, ctx));
  writeFileSync(join(dir, 'playwright.config.ts'), reproConfigSource(dir));
  return file;
}
