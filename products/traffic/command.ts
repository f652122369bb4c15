// `npm run check-traffic`: a traffic file in, the findings report out (<out>/findings.json, <out>/findings/index.html,
// <out>/traffic.json), the summary on stdout; exit 0 when no finding fails, 1 when one does, 2 on a usage error or a
// file that cannot be read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Contract } from '../../src/contract/contract.js';
import { maskText } from '../../src/contract/secrets.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/suite/config.js';
import { BaselineError, readBaseline } from '../findings/baseline.js';
import type { FindingsReport } from '../findings/model.js';
import { buildReport, summarize } from '../findings/report.js';
import { writeFindings } from '../findings/write.js';
import { fromCwd, parseFlags, reportsDirOf, UsageError } from './args.js';
import { checkTraffic, type TrafficTally } from './check.js';
import { readTraffic, TrafficReadError, type Traffic } from './read.js';
import { registerSecretsOf } from './secrets.js';

export const USAGE = `usage: npm run check-traffic -- <file.har | newman-run.json | postman-collection.json> [options]
       npm run check-traffic -- --from-exchanges=reports/exchanges [options]
options:
  --out=<dir>           where the report goes (default: reports/traffic, under CEC_REPORTS_DIR when set)
  --strict              warnings fail, and undocumented response fields break the contract (also CEC_STRICT=1)
  --baseline=<file>     known findings (the format of conformance-baseline.yaml); none by default
  --judge-variants      judge the requests a suite export marks as its tests' variants (sent unvalidated on purpose) too`;

export interface CheckTrafficOptions {
  /** A traffic file, or the directory of the suite's exchange records. */
  input: string;
  out: string;
  strict: boolean;
  baselineFile?: string;
  judgeVariants: boolean;
  maxBytes: number;
}

/** The command line and the environment (CEC_REPORTS_DIR, CEC_STRICT, CEC_MAX_RESPONSE_BYTES) as options. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CheckTrafficOptions {
  const { flags, positional } = parseFlags(argv, ['out', 'strict', 'baseline', 'judge-variants', 'from-exchanges']);
  const exchanges = flags.get('from-exchanges');
  if (positional.length + (exchanges ? 1 : 0) !== 1) throw new UsageError(positional.length > 1 ? `one file at a time (got ${positional.length})` : 'which traffic? give a file or --from-exchanges=<dir>');
  const maxBytes = Number(env.CEC_MAX_RESPONSE_BYTES || DEFAULT_MAX_RESPONSE_BYTES);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`CEC_MAX_RESPONSE_BYTES="${env.CEC_MAX_RESPONSE_BYTES}" is not a positive whole number`);
  const baseline = flags.get('baseline');
  return {
    input: fromCwd(exchanges ?? positional[0]),
    out: flags.has('out') ? fromCwd(flags.get('out')!) : join(reportsDirOf(env), 'traffic'),
    strict: flags.get('strict') === 'true' || /^(1|true)$/i.test(env.CEC_STRICT ?? ''),
    ...(baseline ? { baselineFile: fromCwd(baseline) } : {}),
    judgeVariants: flags.get('judge-variants') === 'true',
    maxBytes,
  };
}

/** The tally in a few lines: what was checked, what was not and why. */
export function describeTally(input: string, traffic: Traffic, t: TrafficTally): string {
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
  const ops = Object.keys(t.byOperation).length;
  const lines = [`Traffic: ${input} (${traffic.format}), ${n(t.entries, 'entry', 'entries')}: ${n(t.checked, 'exchange')} of ${n(ops, 'operation')} checked`
    + `, ${t.otherHosts} of other hosts ignored${t.preflights ? `, ${n(t.preflights, 'CORS preflight')} ignored` : ''}`];
  if (t.undocumented.length) lines.push(`  ${n(t.undocumented.length, 'request')} under this API's paths match no documented operation (traffic.json lists them), e.g. ${t.undocumented[0]}`);
  if (t.variants) {
    lines.push(`  ${n(t.variants, 'request')} of the suite's test variants (sent unvalidated on purpose, negative and positive): ${t.variantsBreaking} break a rule of the spec;`
      + ' their answers are judged, their requests not (--judge-variants judges them)');
  }
  if (t.noAnswer) lines.push(`  ${n(t.noAnswer, 'request')} got no answer: only the request was checked`);
  if (t.bodyNotInFile) lines.push(`  ${n(t.bodyNotInFile, 'answer')} without the body in the file (or cut): status and content type checked, not the schema`);
  return lines.join('\n');
}

/** Runs the check; returns the exit status (0: no failing finding, 1: one fails). Throws TrafficReadError / BaselineError. */
export function checkTrafficFile(o: CheckTrafficOptions, print: (text: string) => void): { status: 0 | 1; report: FindingsReport; tally: TrafficTally } {
  const started = new Date();
  const traffic = readTraffic(o.input);
  registerSecretsOf(traffic.entries);
  const contract = new Contract({ strict: o.strict });
  const { outcomes, tally } = checkTraffic(traffic.entries, { contract, strict: o.strict, maxBytes: o.maxBytes, judgeVariants: o.judgeVariants });
  const origins = [...new Set(traffic.entries.flatMap((e) => {
    try {
      return [new URL(e.url).origin];
    } catch {
      return [];
    }
  }))];
  const report = buildReport(outcomes, o.baselineFile ? readBaseline(o.baselineFile) : [], {
    startedAt: started.toISOString(), durationMs: Date.now() - started.getTime(), tenant: maskText(`${origins.slice(0, 3).join(', ')}${origins.length > 3 ? ', …' : ''}`),
    seed: '-', strict: o.strict, baselineFile: o.baselineFile ?? '', unit: 'exchange',
  });
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'traffic.json'), maskText(`${JSON.stringify({ input: o.input, format: traffic.format, tally }, null, 2)}\n`));
  const page = writeFindings(o.out, report, { 'Traffic tally (JSON)': '../traffic.json', 'Findings (JSON)': '../findings.json' });
  print(maskText(`${describeTally(o.input, traffic, tally)}\n${summarize(report, page)}`));
  if (!tally.checked) print(`No exchange of this API in ${o.input}: nothing was judged.`);
  return { status: report.gate.passed ? 0 : 1, report, tally };
}

/** The command: exit status 0, 1 or 2. */
export function checkTrafficCommand(argv: readonly string[], env: NodeJS.ProcessEnv, print: (text: string) => void, printError: (text: string) => void): number {
  try {
    return checkTrafficFile(parseArgs(argv, env), print).status;
  } catch (e) {
    if (e instanceof UsageError) {
      printError(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof TrafficReadError || e instanceof BaselineError) {
      printError(maskText(e.message));
      return 2;
    }
    throw e;
  }
}
