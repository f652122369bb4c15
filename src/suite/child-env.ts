// What a run of its own (a child Playwright run, a spawned mock, an exploration) starts from: this process's
// environment without the suite's and the mock's settings (CEC_*, MOCK_*) and Playwright's own (TEST_*, PW_*,
// PLAYWRIGHT_*), so nothing of the caller's run leaks into it; the caller then sets what the child needs.
const OWN = ['CEC_', 'MOCK_', 'TEST_', 'PW_', 'PLAYWRIGHT_'];

/** `env` without those variables, and without any that start with one of `alsoWithout`. */
export function childEnv(env: NodeJS.ProcessEnv = process.env, alsoWithout: readonly string[] = []): NodeJS.ProcessEnv {
  const prefixes = [...OWN, ...alsoWithout];
  return Object.fromEntries(Object.entries(env).filter(([k]) => !prefixes.some((p) => k.startsWith(p))));
}
