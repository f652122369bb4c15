// The command lines of check-traffic and export-har: `--name=value` / `--flag` options and positional arguments.
import { isAbsolute, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/suite/config.js';

export class UsageError extends Error {}

export interface Args {
  flags: Map<string, string>;
  positional: string[];
}

/** Splits argv; an option not in `allowed` is a usage error. A bare `--flag` is "true". */
export function parseFlags(argv: readonly string[], allowed: readonly string[]): Args {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) positional.push(a);
    else if (!allowed.includes(m[1])) throw new UsageError(`unknown option --${m[1]}`);
    else flags.set(m[1], m[2] ?? 'true');
  }
  return { flags, positional };
}

/** The reports directory (CEC_REPORTS_DIR, relative to the project root; reports/ by default), as the suite has it. */
export const reportsDirOf = (env: NodeJS.ProcessEnv): string => {
  const dir = env.CEC_REPORTS_DIR || 'reports';
  return isAbsolute(dir) ? dir : resolve(PROJECT_ROOT, dir);
};

/** A path given on the command line: relative to where the command was typed. */
export const fromCwd = (p: string): string => resolve(process.cwd(), p);
