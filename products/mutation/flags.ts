// The flags of `npm run mutation` (runner.ts reads their values), apart from the runner so that the command line
// answers --help and a usage error before it loads the catalogue and the rest (mutation.cli.ts).
import { parseArgs } from 'node:util';

export class UsageError extends Error {}
export class HelpRequested extends Error {}

export const VALUE_FLAGS = ['jobs', 'workers', 'max-failures', 'agent-delay-ms', 'reply-timeout-ms', 'run-timeout-s', 'seed', 'only', 'tests', 'reports-dir', 'explore-runs', 'explore-seconds', 'explore-shrink-seconds', 'profile'] as const;
export const SWITCHES = ['list', 'fast', 'full', 'include-dropped', 'without-exploration'] as const;
export const MUTATION_USAGE = `Usage: npm run mutation [-- flags]

The suite against the clean mock and each mutant of the catalogue (mutation/); exit 0 every mutant caught as its rule
asks, 1 not, 2 a usage error or a busy reports directory. Each flag also reads MUTATION_<NAME> (e.g. MUTATION_JOBS).
  --jobs=N --workers=N --max-failures=N --agent-delay-ms=MS --reply-timeout-ms=MS --run-timeout-s=S --seed=S
  --only=NAME,… --tests=FILE,… --reports-dir=DIR --explore-runs=N --explore-seconds=S --explore-shrink-seconds=S
  --profile=default|lenient
  --list  --fast  --full  --include-dropped  --without-exploration
  -h, --help  this text; nothing is run
`;

/** The answer to --help (the usage, exit 0) or to a usage error (the message and the usage, exit 2); anything else
 *  is rethrown. */
export function usageExit(e: unknown): number {
  if (e instanceof HelpRequested) {
    process.stdout.write(MUTATION_USAGE);
    return 0;
  }
  if (!(e instanceof UsageError)) throw e;
  console.error(`npm run mutation: ${e.message}\n\n${MUTATION_USAGE}`);
  return 2;
}

/** The flags given (a switch is true); throws HelpRequested on --help, UsageError on an unknown flag or a stray argument. */
export function readFlags(argv: string[]): Record<string, string | boolean | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(VALUE_FLAGS.map((n) => [n, { type: 'string' as const }])),
        ...Object.fromEntries(SWITCHES.map((n) => [n, { type: 'boolean' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) throw new HelpRequested();
  return values;
}
