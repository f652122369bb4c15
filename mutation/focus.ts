// Where `npm run mutation` looks first for the tests that kill a mutant. Only a shortcut: a mutant the focused run
// does not kill gets the whole suite, and only a whole-suite run can declare it survived, so the verdicts are those of
// full-suite runs. A focus that misses costs time, never a wrong verdict (the table notes "focus missed").
//
// The whole suite costs ~25 CPU-seconds per run; 47 full runs do not fit the 5-minute CI budget on 2 cores, the
// focused first runs (one spec file or two, one worker) do.

/** Test files (relative to the project root) to run first, by mutant area. */
export const AREA_FOCUS: Readonly<Record<string, readonly string[]>> = {
  response: ['tests/contract'],
  status: ['tests/contract', 'tests/negative/methods.spec.ts'],
  auth: ['tests/negative/credentials.spec.ts', 'tests/negative/business-rules.spec.ts'],
  isolation: ['tests/e2e/isolation.spec.ts'],
  delivery: ['tests/e2e/chat.spec.ts'],
  files: ['tests/contract/files.spec.ts', 'tests/e2e/files.spec.ts'],
  rules: ['tests/negative/business-rules.spec.ts'],
  acceptance: ['tests/positive/acceptance.spec.ts'],
  'server-error': ['tests/negative/bodies.spec.ts'],
  token: ['tests/contract/token.spec.ts', 'tests/negative/token-lifetime.spec.ts'],
};

/** Mutants whose killing tests live outside their area's files. */
export const MUTANT_FOCUS: Readonly<Record<string, readonly string[]>> = {
  'bad-request-as-200': ['tests/negative/bodies.spec.ts'],
  'error-body-html': ['tests/e2e/isolation.spec.ts'],
  'accept-evaluation-out-of-range': ['tests/negative/bodies.spec.ts'],
  'accept-token-expire-over-max': ['tests/negative/bodies.spec.ts'],
};

/** The files to run first for a mutant (empty: no focus, the whole suite at once). */
export function focusOf(name: string, area: string): readonly string[] {
  return MUTANT_FOCUS[name] ?? AREA_FOCUS[area] ?? [];
}
