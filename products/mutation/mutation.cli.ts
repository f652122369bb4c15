// npm run mutation [-- --list | --only=a,b | --full | ...]: mutation testing of the conformance suite. The logic is
// products/mutation/runner.ts; flags and the report are described in docs/mutation-testing.md. The flags are read
// first (flags.ts): --help and a usage error answer before the runner and the catalogue are loaded.
import { HelpRequested, MUTATION_USAGE, readFlags, UsageError } from './flags.js';

try {
  readFlags(process.argv.slice(2));
  const { runMutation, stopRunsOnSignal } = await import('./runner.js');
  stopRunsOnSignal();
  process.exitCode = await runMutation(process.argv.slice(2), process.env);
} catch (e) {
  if (e instanceof HelpRequested) process.stdout.write(MUTATION_USAGE);
  else if (e instanceof UsageError) {
    console.error(`npm run mutation: ${e.message}\n\n${MUTATION_USAGE}`);
    process.exitCode = 2;
  } else throw e;
}
