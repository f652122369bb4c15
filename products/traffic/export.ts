// `npm run export-har`: the suite's exchange records of a run as one HAR 1.2 file (masked, as the records are).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exchangesDir, readExchanges } from '../../src/contract/exchange.js';
import { maskText } from '../../src/contract/secrets.js';
import { fromCwd, parseFlags, reportsDirOf, UsageError } from './args.js';
import { exchangesToHar } from './har.js';

export const EXPORT_USAGE = 'usage: npm run export-har -- [--from=reports/exchanges] [--out=reports/traffic/run.har]';

/** Exit status 0 (written), 2 (usage error, or no records to export). */
export function exportHarCommand(argv: readonly string[], env: NodeJS.ProcessEnv, print: (text: string) => void, printError: (text: string) => void): number {
  let from: string;
  let out: string;
  try {
    const { flags, positional } = parseFlags(argv, ['from', 'out']);
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    from = flags.has('from') ? fromCwd(flags.get('from')!) : exchangesDir(reportsDirOf(env));
    out = flags.has('out') ? fromCwd(flags.get('out')!) : join(reportsDirOf(env), 'traffic', 'run.har');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    printError(`${e.message}\n${EXPORT_USAGE}`);
    return 2;
  }
  const records = readExchanges(from);
  if (!records.length) {
    printError(`${from} holds no exchange records (*.jsonl): run the suite first (npm run conformance)`);
    return 2;
  }
  mkdirSync(dirname(out), { recursive: true });
  // The records are masked; masking again catches a secret registered after a record was written.
  writeFileSync(out, maskText(JSON.stringify(exchangesToHar(records), null, 1)));
  print(`${out}: ${records.length} exchanges as HAR 1.2 (secrets masked as ***)`);
  return 0;
}
