// Which mutant a mock process is to be: --mutation=<name>, else MOCK_MUTATION (empty counts as unset), taken out of
// what the mock's own settings read (mock/behaviour/options.ts knows no such setting).

/** The mutant's name (--mutation over MOCK_MUTATION), and the flags and environment left for the mock. */
export function splitMutation(argv: readonly string[], env: NodeJS.ProcessEnv): { name?: string; argv: string[]; env: NodeJS.ProcessEnv } {
  const rest: string[] = [];
  let name = env.MOCK_MUTATION?.trim() || undefined;
  for (let i = 0; i < argv.length; i++) {
    const m = /^--mutation(?:=(.*))?$/.exec(argv[i]);
    if (!m) rest.push(argv[i]);
    else name = (m[1] ?? argv[++i] ?? '').trim();
  }
  const { MOCK_MUTATION: _, ...others } = env;
  return { name, argv: rest, env: others };
}
