// npm run mutation [-- --list | --only=a,b | --full | ...]: mutation testing of the conformance suite. The logic is
// products/mutation/runner.ts; flags and the report are described in docs/mutation-testing.md. The flags are read
// first (flags.ts): --help and a usage error answer before the runner and the catalogue are loaded.
import { readFlags, usageExit } from './flags.js';

let wellFormed = true;
try {
  readFlags(process.argv.slice(2));
} catch (e) {
  wellFormed = false;
  process.exitCode = usageExit(e);
}
if (wellFormed) {
  const { runMutation, stopRunsOnSignal } = await import('./runner.js');
  stopRunsOnSignal();
  process.exitCode = await runMutation(process.argv.slice(2), process.env);
}
