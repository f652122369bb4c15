// The exploration's summary, one screen: budget used, what the model reached, the warnings, and the failure.
import type { ExploreCoverageSummary } from './coverage.js';
import type { ExploreResult } from './runner.js';
import { replayFlags } from './repro.js';
import { describe } from './steps.js';

const pct = (a: number, b: number): string => `${a}/${b}${b ? ` (${Math.round((a / b) * 100)}%)` : ''}`;

export function summaryLines(r: ExploreResult, cov: ExploreCoverageSummary): string[] {
  const lines = [
    `Exploration ${r.ok ? 'passed' : 'FAILED'}: seed ${r.seed}, ${r.systematic ? `${r.systematic.plans} systematic plans (${r.systematic.seconds.toFixed(1)} s), ` : ''}${r.runs} runs, ${r.steps} steps${r.shrinkRuns ? ` (then ${r.shrinkRuns} runs shrinking)` : ''}, ${r.requests} requests, ${r.seconds.toFixed(1)} s`,
    `  session states reached       ${pct(cov.states.reached, cov.states.total)}`,
    `  state × event reached        ${pct(cov.cells.reached, cov.cells.total)}`,
    `  documented transitions       ${pct(cov.documented.reached, cov.documented.total)}`,
    `  click-to-call stage × action ${pct(cov.clickToCall.reached, cov.clickToCall.total)}`,
    `  pairs at once (listed)       ${pct(cov.pairs.reached, cov.pairs.total)}${cov.pairs.missing.length ? `; not reached: ${cov.pairs.missing.join(', ')}` : ''}`,
    `  steps between reply and poll ${pct(cov.between.reached, cov.between.total)}${cov.between.missing.length ? `; not reached: ${cov.between.missing.join(', ')}` : ''}`,
    `  concurrent pairs tried       ${cov.concurrentPairs}`,
    `  warnings                     ${r.warnings.length}`,
  ];
  for (const { observation: o, count } of r.warnings) {
    lines.push(`    WARN ${o.signature} (${count}×)`, `         ${o.message.split('\n')[0]}`, `         rule: ${o.rule} (${o.source}, guidance)`);
  }
  if (r.failure) {
    const f = r.failure;
    lines.push(`  failure (${f.steps.length} steps after ${f.shrinks} shrinks${f.minimizeReplays ? ` and ${f.minimizeReplays} replays` : ''}${f.confirmed === undefined ? '' : f.confirmed ? '; the repro fails again on its own' : '; the repro PASSED on its own: flaky'}):`);
    const o = f.observation;
    if (o) lines.push(`    FAIL ${o.signature}`, ...o.message.split('\n').map((l) => `         ${l}`), `         rule: ${o.rule} (${o.source})`);
    else lines.push(...f.message.split('\n').map((l) => `    ${l}`));
    lines.push('  steps:');
    lines.push(...r.failure.steps.map((s, i) => `    ${String(i + 1).padStart(2)}. ${describe(s)}`));
    lines.push(`  replay: npm run explore -- ${replayFlags(r.failure)}`);
  }
  return lines;
}
