// npm run bench:suite: what a conformance run and a health check cost, against the embedded mock and against broken
// tenants, and how far that is from the cost of their requests (products/bench/; docs/benchmarks.md). Runs each
// scenario in turn, each with its own reports under reports/bench-suite/<scenario>/ and a deadline, writes
// reports/bench-suite.json and prints the table. Exit 0 when every scenario was measured (a broken tenant failing
// the run is the point), 1 when the benchmark itself failed, 2 on a usage error.
//
//   npm run bench:suite                                          # the default scenarios
//   npm run bench:suite -- --scenarios=conformance:mock,health:gateway-502 --deadline-s=120
//   npm run bench:suite -- --scenarios=all                       # every row of docs/benchmarks.md
//   npm run bench:suite -- --scenarios=conformance:mock --grep=@smoke --quick   # a subset, no replay
//   npm run bench:suite -- --scenarios=conformance:mock --mutation=token-expires-number   # against a mutant mock
//   npm run bench:suite -- --scenarios=all --recompute      # the figures again from the runs' directories, no run
//   npm run bench:suite -- --list
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { runScenario } from './run.js';
import { figuresOfRunDir } from './run-dir.js';
import { dirOf, SCENARIOS, selectScenarios } from './scenarios.js';
import { breakdown, markdownTable } from './table.js';
import type { RunFigures } from './figures.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FLAGS = ['scenarios', 'deadline-s', 'seed', 'reports-dir', 'grep', 'mutation', 'quick', 'recompute', 'list', 'help'];

function usage(problem?: string): never {
  if (problem) console.error(`bench:suite: ${problem}`);
  console.error(`usage: npm run bench:suite -- [--scenarios=default|all|name,…] [--deadline-s=N] [--seed=S] [--reports-dir=reports] [--grep=PATTERN] [--mutation=NAME] [--quick] [--recompute] [--list]`);
  process.exit(2);
}

const given = new Map<string, string>();
for (const arg of process.argv.slice(2)) {
  const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
  if (!m || !FLAGS.includes(m[1])) usage(`unexpected argument "${arg}"`);
  given.set(m[1], m[2] ?? 'true');
}
if (given.has('help')) usage();
if (given.has('list')) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(24)} ${s.byDefault ? 'default' : '       '}  ${String(s.deadlineS).padStart(3)} s  ${s.what}`);
  process.exit(0);
}
let scenarios;
try {
  scenarios = selectScenarios(given.get('scenarios'));
} catch (e) {
  usage((e as Error).message);
}
const deadline = given.get('deadline-s');
if (deadline !== undefined && !/^[1-9][0-9]*$/.test(deadline)) usage(`--deadline-s: "${deadline}" is not a whole number of seconds`);
const reportsDir = resolve(ROOT, given.get('reports-dir') ?? 'reports');
const seed = given.get('seed') ?? '42';

const log = (line: string): void => { process.stderr.write(`${line}\n`); };
const figures: Array<RunFigures & { load: { before: number; after: number } }> = [];
const startedAt = new Date();
let failed = false;
const previous = ((): Map<string, { before: number; after: number }> => {
  const path = join(reportsDir, 'bench-suite.json');
  if (!given.has('recompute') || !existsSync(path)) return new Map();
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { scenarios?: Array<{ scenario: string; load: { before: number; after: number } }> };
  return new Map((doc.scenarios ?? []).map((x) => [x.scenario, x.load]));
})();
for (const scenario of scenarios) {
  if (given.has('recompute')) {
    const dir = join(reportsDir, 'bench-suite', dirOf(scenario));
    if (!existsSync(join(dir, 'run.json'))) { log(`${scenario.name}: no run in ${dir}`); continue; }
    const f = figuresOfRunDir(dir);
    figures.push({ ...f, load: previous.get(scenario.name) ?? { before: NaN, after: NaN } });
    log(breakdown(f));
    continue;
  }
  const before = loadavg()[0];
  try {
    const f = await runScenario(scenario, { root: ROOT, reportsDir, seed, deadlineS: deadline ? Number(deadline) : undefined, quick: given.has('quick'), grep: given.get('grep'), mutation: given.get('mutation'), log });
    figures.push({ ...f, load: { before, after: loadavg()[0] } });
    log(breakdown(f));
  } catch (e) {
    failed = true;
    log(`${scenario.name}: the benchmark failed: ${(e as Error).stack ?? e}`);
  }
}

const document = {
  startedAt: startedAt.toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, platform: process.platform },
  seed,
  scenarios: figures,
};
mkdirSync(reportsDir, { recursive: true });
const out = join(reportsDir, 'bench-suite.json');
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
console.log(`\nSuite benchmark, ${startedAt.toISOString().slice(0, 10)}, ${document.machine.cpus} cores (${document.machine.model}), Node ${process.version}\n`);
console.log(markdownTable(figures));
console.log(`\n${out}`);
process.exitCode = failed ? 1 : 0;
