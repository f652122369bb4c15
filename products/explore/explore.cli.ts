// npm run explore [-- --runs=N --seconds=S --seed=X --path=P --max-steps=N --max-customers=N --mutation=NAME]:
// model-based exploration of the configured tenant (or, without CEC_BASE_URL, of a mock tenant it starts on a free
// port): random sequences of every customer operation and the agent's reply, over 1-3 customers, with two requests
// of one customer at once now and then, checked against the model of the documents after every step.
// Prints a summary (runs, steps, requests, states and transitions reached, warnings). Exit 0 when nothing broke a
// refuse-level rule; 1 with the shrunk sequence and the path of a ready-to-run repro spec; 2 on a usage or
// configuration error, or when the tenant cannot be reached.
// The arguments are read before anything else is loaded, so --help and a usage error answer at once; the exploration
// itself (the mock, the suite's client, fast-check) is explore-command.ts, imported after.
import { parseArgs } from 'node:util';

const STRINGS = ['runs', 'seconds', 'seed', 'path', 'max-steps', 'max-customers', 'shrink-seconds', 'settle-ms', 'systematic', 'mutation', 'reports-dir'] as const;

function usage(): string {
  return `Usage: npm run explore -- [--runs=N] [--seconds=S] [--seed=X] [--path=P] [--max-steps=N] [--max-customers=1..3]
                           [--shrink-seconds=S] [--settle-ms=MS] [--systematic=0|1] [--mutation=NAME] [--mock]
                           [--reports-dir=DIR] [--no-confirm]
Variables: CEC_EXPLORE_RUNS (100), CEC_EXPLORE_SECONDS (60), CEC_EXPLORE_SEED (CEC_SEED, else the time),
CEC_EXPLORE_MAX_STEPS (30), CEC_EXPLORE_MAX_CUSTOMERS (3), CEC_EXPLORE_SHRINK_SECONDS (120), CEC_EXPLORE_SETTLE_MS,
CEC_EXPLORE_SYSTEMATIC (1: every pair at once and every step between an agent reply and a poll, before the random runs),
and the suite's CEC_* settings (docs/configuration.md). --mutation starts the mock with MOCK_MUTATION (no CEC_BASE_URL).
Without CEC_BASE_URL it explores a mock of its own, unless a tenant was meant (CI, a tenant variable: the tenant
guard, exit 2); --mock (or CEC_TARGET=mock) asks for the mock on purpose. -h, --help: this text, nothing run.`;
}

/** The flags as the settings read them (a switch is "true"); throws an Error saying what is wrong, with the usage. */
function parseFlags(argv: string[]): Record<string, string> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(STRINGS.map((n) => [n, { type: 'string' as const }])),
        'no-confirm': { type: 'boolean' }, mock: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => [k, String(v)]));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${usage()}`);
  }
}

async function main(): Promise<number> {
  let flags: Record<string, string>;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (e) {
    console.error(`npm run explore: ${(e as Error).message}`);
    return 2;
  }
  if (flags.help) {
    console.log(usage());
    return 0;
  }
  const { runExplore } = await import('./explore-command.js');
  return runExplore(flags);
}

process.exitCode = await main();
