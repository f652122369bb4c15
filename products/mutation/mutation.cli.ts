// npm run mutation [-- --list | --only=a,b | --full | ...]: mutation testing of the conformance suite. The logic is
// products/mutation/runner.ts; flags and the report are described in docs/mutation-testing.md.
import { runMutation, stopRunsOnSignal } from './runner.js';

stopRunsOnSignal();
process.exitCode = await runMutation(process.argv.slice(2), process.env);
