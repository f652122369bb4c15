// Several mock tenants in one process, one port each: the clean mock and mutants of the catalogue, for the runs of
// `npm run mutation` (runner.ts). One process start and one compiled spec serve every run, where a process per
// mutant paid for both each time. Each mock is the mock tenant as `npm run mock:mutant` serves it (the MOCK_*
// settings of the environment, e.g. MOCK_ADMIN=1, MOCK_AGENT_DELAY_MS), with a seed of its own (<MOCK_SEED>:<name>).
//
//   MOCK_ADMIN=1 MOCK_AGENT_DELAY_MS=100 tsx products/mutation/farm.ts clean reorder-messages file-truncated
//
// Prints "<name> at <url>" for each, then "<n> mocks listening on <url of the first>" (what spawnMock waits for);
// SIGTERM closes them all. An unknown name stops the start with the list of valid ones (exit code 2).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../mock/app.js';
import { readOptions } from '../../mock/serve.js';
import { isMutationName, MUTATIONS, unknownMutation } from './catalogue.js';
import { mutantExtensions } from './hooks.js';
import { CLEAN, farmLine } from './spawn.js';

const names = process.argv.slice(2);
const unknown = names.filter((n) => n !== CLEAN && !isMutationName(n));
if (!names.length || unknown.length) {
  console.error(names.length ? unknownMutation(unknown[0]) : `name the mocks: "${CLEAN}" or mutants (${Object.keys(MUTATIONS).join(', ')})`);
  process.exitCode = 2;
} else {
  const options = readOptions(process.env, [], 'mutation/farm.ts');
  if (options) {
    const apps: FastifyInstance[] = [];
    const urls: string[] = [];
    for (const name of names) {
      const mutation = name === CLEAN || !isMutationName(name) ? undefined : MUTATIONS[name];
      const app = buildApp({ ...options, seed: `${options.seed}:${name}`, seedGiven: true, extensions: mutation && mutantExtensions(mutation) });
      apps.push(app);
      await app.listen({ port: 0, host: options.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      urls.push(`http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`);
      console.log(farmLine(name, urls.at(-1)!));
    }
    console.log(`${names.length} mocks listening on ${urls[0]}`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void Promise.all(apps.map((a) => a.close())).then(() => process.exit(0));
      });
    }
  }
}
