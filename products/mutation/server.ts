// The mock tenant as one mutant, in the foreground: MOCK_MUTATION=<name> (or --mutation=<name>) on top of every
// setting of `npm run mock`. The banner says what is deliberately broken. An unknown name stops the start with the
// list of valid ones (exit code 2).
//
//   npm run mock:mutant -- --mutation=reorder-messages --port=3190
import { readOptions, serve, usage } from '../../mock/serve.js';
import { isMutationName, MUTATIONS, unknownMutation } from './catalogue.js';
import { mutantExtensions } from './hooks.js';
import { splitMutation } from './selection.js';

const COMMAND = 'npm run mock:mutant';
const MORE = `  ${'--mutation'.padEnd(24)} MOCK_MUTATION (one of npm run mutation -- --list)`;

const given = splitMutation(process.argv.slice(2), process.env);
if (given.argv.includes('--help')) {
  console.log(usage(COMMAND, MORE));
} else if (given.name !== undefined && !isMutationName(given.name)) {
  console.error(unknownMutation(given.name));
  process.exitCode = 2;
} else {
  const options = readOptions(given.env, given.argv, COMMAND, MORE);
  const mutation = given.name === undefined ? undefined : MUTATIONS[given.name];
  if (options) {
    await serve({
      options,
      extensions: mutation && mutantExtensions(mutation),
      bannerRows: [['mutation', mutation ? `${given.name} (DELIBERATELY BROKEN: ${mutation.how})` : 'none']],
    });
  }
}
