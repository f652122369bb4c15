// The suite benchmark's figures as a Markdown table (printed by npm run bench:suite, pasted into docs/benchmarks.md).
import type { RunFigures } from './figures.js';

const s = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
const x = (r: number | null | undefined): string => (r === null || r === undefined ? '–' : `${r}×`);
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const COLUMNS = [
  'run', 'exit', 'wall', 'said', 'tests done', 'start-up', 'Σ tests', 'requests', 'median', 'worker starts', 'waits',
  'floor', 'wall/floor', 'start-up/floor', 'Σ tests/floor', 'waits/floor', 'replay', 'wall/replay',
] as const;

export function row(f: RunFigures): string[] {
  const done = f.tests.planned !== undefined ? `${f.tests.done}/${f.tests.planned}` : String(f.tests.done);
  return [
    f.scenario,
    f.exitCode === null ? (f.signal ?? '–') : String(f.exitCode),
    f.killedAtS !== undefined ? `killed at ${f.killedAtS} s` : s(f.wallMs),
    cell(f.said.length > 160 ? `${f.said.slice(0, 159)}…` : f.said),
    `${done} (${f.tests.failed} failed)`,
    s(f.startup.ms),
    s(f.testSumMs),
    String(f.requests.count),
    f.requests.medianMs === null ? '–' : `${f.requests.medianMs} ms`,
    String(f.workers.starts),
    s(f.waits.waitMs),
    s(f.floor.ms),
    x(f.ratios.wall),
    x(f.ratios.startup),
    x(f.ratios.tests),
    x(f.ratios.waits),
    f.floor.replay ? s(f.floor.replay.ms) : '–',
    x(f.ratios.wallToReplay),
  ];
}

export function markdownTable(figures: readonly RunFigures[]): string {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const f of figures) lines.push(`| ${row(f).join(' | ')} |`);
  return lines.join('\n');
}

/** Where the time of one run went, in a few lines (start-up, tests, waits, worker starts, fixtures). */
export function breakdown(f: RunFigures): string {
  const st = f.startup;
  const lines = [
    `${f.scenario}: wall ${s(f.wallMs)}${f.killedAtS !== undefined ? ` (killed at ${f.killedAtS} s)` : ''}, exit ${f.exitCode ?? f.signal ?? '–'}`,
    `  start-up: config loaded ${s(st.configLoadedMs)}, onBegin ${s(st.beginMs)}, mock listening ${s(st.mockReadyMs)} (npm run mock alone: ${s(st.mockStartMs)}), first test ${s(st.firstTestMs)}, first request ${s(st.firstRequestMs)}`,
    `  tests: Σ ${s(f.testSumMs)} over ${f.tests.done} (${f.tests.failed} failed), first failure at ${s(f.firstFailureMs)}, first output at ${s(f.firstOutputMs)}, after the last test ${s(f.tailMs)}`,
    `  requests: ${f.requests.count} (median ${f.requests.medianMs ?? '–'} ms, Σ ${s(f.requests.sumMs)}, ${f.requests.noAnswer} unanswered, ${f.requests.transient} transient)`,
    `  workers: ${f.workers.starts} started in ${f.workers.lanes} lanes; restart gaps ${s(f.workers.restartGapMs)}, gaps between tests of one worker ${s(f.workers.betweenTestsMs)}, worker fixtures ${s(f.workers.workerFixtureMs)}`,
    `  waits: ${f.waits.loops} poll loops, ${s(f.waits.waitMs)} (${s(f.waits.idleMs)} idle); ${f.waits.awaitedTransfers}/${f.waits.transfers} transfers awaited × ${f.waits.pickupMs} ms + Retry-After ${s(f.waits.retryAfterMs)} = imposed ${s(f.waits.imposedMs)}`,
    `  floor: ${s(f.floor.ms)} (requests × ${f.floor.medianMs ?? '–'} ms median of the ${f.floor.medianFrom} = ${s(f.floor.requestsMs)}, + imposed ${s(f.floor.imposedMs)})${f.floor.rateMs !== undefined ? `; the health throttle alone ${s(f.floor.rateMs)}` : ''}${f.floor.replay ? `; replay ${s(f.floor.replay.ms)} for ${f.floor.replay.requests} requests at ${f.floor.replay.concurrency} lanes (${f.floor.replay.sameStatus} same status${f.floor.replay.cutShort ? ', cut short' : ''})` : ''}`,
  ];
  if (f.fixtures?.length) lines.push(`  fixtures (setup+teardown): ${f.fixtures.slice(0, 6).map((x2) => `${x2.name} ${s(x2.setupMs + x2.teardownMs)}`).join(', ')}`);
  return lines.join('\n');
}
