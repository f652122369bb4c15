// The mock tenant served inside the calling process (a self-test's worker, or the runner for the shared run): what
// `npm run mock:mutant` serves under the same MOCK_* and CEC_* variables (MOCK_MUTATION for a mutant, the clean mock
// without it), on a port of its own, without a process of its own. A spawned mock paid ~1-1.5 CPU-s to start (node,
// the tsx loader, Fastify, the spec's validators compiled); here the worker's validators, compiled once, serve them
// all. A self-test whose claim is about a mock's process (its signals, exit codes, printed lines) spawns one instead
// (mock/spawn.ts, as selftest/mock/server.spec.ts does).
//
// The mock judges its answers by the process's current contract (src/contract/contract.ts): it must be the plain
// (non-strict) one a mock's own process has, from start to stop. A self-test that switches it (the explore ones, with
// useContract) does so inside its own tests and gives it back in afterAll, and a worker runs one test at a time, so
// no mock of another test is serving then; start() refuses a strict one and stop() fails if it changed meanwhile.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../mock/app.js';
import { parseOptions, unknownVariables } from '../../mock/behaviour/options.js';
import { mutationNamed } from '../../products/mutation/catalogue.js';
import { mutantExtensions } from '../../products/mutation/hooks.js';
import { contract } from '../../src/contract/contract.js';

export interface RunningMock {
  url: string;
  /** Everything the mock logged so far (its JSON log lines at MOCK_LOG_LEVEL). */
  output: () => string;
  /** Closes the server, its connections and its timers. */
  stop: () => Promise<void>;
}

/** Serves the mock under `env` (MOCK_* settings, MOCK_MUTATION, CEC_* credentials; nothing read from process.env);
 *  resolves once it listens. A bad setting throws, naming it (where a spawned mock exited with code 2). */
export async function serveMockHere(env: NodeJS.ProcessEnv): Promise<RunningMock> {
  const { MOCK_MUTATION: mutation, ...settings } = env;
  const unknown = unknownVariables(settings);
  if (unknown.length) throw new Error(`not settings of the mock: ${unknown.join(', ')} (npm run mock -- --help lists them)`);
  const options = parseOptions(settings);
  if (options.https) throw new Error('MOCK_HTTPS: a mock served in a self-test\'s process has no certificate; start it with mock/spawn.ts');
  const judge = contract();
  if (judge.strict) throw new Error('this process\'s current contract is strict: a mock served here would judge its answers by it (a mock\'s own process never does); give the plain one back (useContract) first');
  let log = '';
  const app: FastifyInstance = buildApp({
    ...options,
    env: {},
    extensions: mutation === undefined ? undefined : mutantExtensions(mutationNamed(mutation)),
    logStream: { write: (line: string) => { log += line; } },
  });
  const url = await app.listen({ port: options.port, host: options.host });
  let closed: Promise<void> | undefined;
  return {
    url,
    output: () => log,
    stop: () => (closed ??= app.close().then(() => {
      if (contract() !== judge) throw new Error(`the process's current contract changed while the mock at ${url} served: it judged some answers by another test's contract`);
    })),
  };
}
