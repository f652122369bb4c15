// Every command line of the project reads its arguments here, with node:util.parseArgs: `--help` prints the usage
// and does nothing else (exit 0); an unknown flag, a missing value or a stray argument prints what is wrong and the
// usage and does nothing else (exit 2, as any configuration error).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

/** What parseCommandLine decided when it did not return: print this and exit with the code. */
export class CommandLineExit extends Error {
  constructor(readonly code: 0 | 2, readonly text: string) {
    super(text);
    this.name = 'CommandLineExit';
  }
}

/**
 * Parses `argv` against `options` (plus --help/-h). Throws CommandLineExit for --help (code 0, the usage) and for
 * a usage error (code 2, the error and the usage); `maxPositionals` (default 0) bounds the plain arguments.
 */
export function readCommandLine<O extends Options>(argv: readonly string[], usage: string, options: O, maxPositionals = 0): CommandLine<O> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CommandLineExit(2, `${(e as Error).message}\n\n${usage.trimEnd()}\n`);
  }
  if ((parsed.values as { help?: boolean }).help) throw new CommandLineExit(0, `${usage.trimEnd()}\n`);
  if (parsed.positionals.length > maxPositionals) {
    throw new CommandLineExit(2, `unexpected argument${parsed.positionals.length - maxPositionals > 1 ? 's' : ''}: ${parsed.positionals.slice(maxPositionals).join(' ')}\n\n${usage.trimEnd()}\n`);
  }
  return parsed as unknown as CommandLine<O>;
}

/** readCommandLine for a script's main: prints and exits on --help and on a usage error. */
export function commandLine<O extends Options>(usage: string, options: O, maxPositionals = 0, argv: readonly string[] = process.argv.slice(2)): CommandLine<O> {
  try {
    return readCommandLine(argv, usage, options, maxPositionals);
  } catch (e) {
    if (!(e instanceof CommandLineExit)) throw e;
    (e.code === 0 ? process.stdout : process.stderr).write(e.text);
    process.exit(e.code);
  }
}
