// The mock tenant as one mutant, in the foreground: MOCK_MUTATION=<name> (or --mutation=<name>) on top of every
// setting of `npm run mock`. The banner says what is deliberately broken. An unknown name stops the start with the
// list of valid ones (exit code 2).
//
//   npm run mock:mutant -- --mutation=reorder-messages --port=3190
// The catalogue and its hooks are imported once the flags are read: --help and a bad flag answer without them.
import { readOptions, serve, usage } from '../../mock/serve.js';
import { splitMutation } from './selection.js';

const COMMAND = 'npm run mock:mutant';
const MORE = `  ${'--mutation'.padEnd(24)} MOCK_MUTATION (one of npm run mutation -- --list)`;

const given = splitMutation(process.argv.slice(2), process.env);
const catalogue = () => import('./catalogue.js');
if (given.argv.includes('--help')) {
  console.log(usage(COMMAND, MORE));
} else if (given.name !== undefined && !(await catalogue()).isMutationName(given.name)) {
  console.error((await catalogue()).unknownMutation(given.name));
  process.exitCode = 2;
} else {
  const options = readOptions(given.env, given.argv, COMMAND, MORE);
  if (options) {
    const [{ MUTATIONS }, { mutantExtensions }] = await Promise.all([catalogue(), import('./hooks.js')]);
    const mutation = given.name === undefined ? undefined : MUTATIONS[given.name as keyof typeof MUTATIONS];
    await serve({
      options,
      extensions: mutation && mutantExtensions(mutation),
      bannerRows: [['mutation', mutation ? `${given.name} (DELIBERATELY BROKEN: ${mutation.how})` : 'none']],
    });
  }
}
