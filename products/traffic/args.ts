// The command lines of check-traffic and export-har (node:util.parseArgs): `--name=value` / `--name value` options,
// `--flag` switches and positional arguments; --help asks for the usage.
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../src/suite/config.js';

export class UsageError extends Error {}
/** --help: the command prints its usage and does nothing else (exit 0). */
export class HelpRequested extends UsageError {}

export interface Args {
  /** Each given option's value; a switch is "true". */
  flags: Map<string, string>;
  positional: string[];
}

/** Parses argv: `strings` take a value, `switches` do not; anything else is a usage error. */
export function parseFlags(argv: readonly string[], strings: readonly string[], switches: readonly string[] = []): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries([
        ...strings.map((n) => [n, { type: 'string' as const }]),
        ...[...switches, 'help'].map((n) => [n, { type: 'boolean' as const }]),
      ]),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if ((parsed.values as Record<string, unknown>).help) throw new HelpRequested('');
  const flags = new Map(Object.entries(parsed.values).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => [k, String(v)]));
  return { flags, positional: parsed.positionals };
}

/** The reports directory (CEC_REPORTS_DIR, relative to the project root; reports/ by default), as the suite has it. */
export const reportsDirOf = (env: NodeJS.ProcessEnv): string => {
  const dir = env.CEC_REPORTS_DIR || 'reports';
  return isAbsolute(dir) ? dir : resolve(PROJECT_ROOT, dir);
};

/** A path given on the command line: relative to where the command was typed. */
export const fromCwd = (p: string): string => resolve(process.cwd(), p);
