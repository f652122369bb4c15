// Which states and transitions of the model an exploration reached: written as JSON under <reports>/explore/states/
// (one file per source: the CLI, the conformance run's bounded exploration), merged and shown by the coverage page
// (products/coverage/). A transition is counted only when the model was certain of the state before it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLICK_TO_CALL_STAGES, DOCUMENTED_TRANSITIONS, SESSION_STATES, type ClickToCallStage, type SessionState } from './states.js';

/** What a customer or the tenant does, for coverage: the session events and the other requests that read the state. */
export const COVERAGE_EVENTS = ['CONNECT', 'CHAT', 'INPUT', 'TRANS2AGENT', 'DISCONNECT', 'pickup', 'agentReply', 'queryQueueInfo', 'feedback'] as const;
export type CoverageEvent = (typeof COVERAGE_EVENTS)[number];

/** Every (state, event) the model allows: the universe of the state-and-transition table. */
export function sessionCells(): Array<{ state: SessionState; event: CoverageEvent }> {
  const out: Array<{ state: SessionState; event: CoverageEvent }> = [];
  for (const state of SESSION_STATES) {
    for (const event of COVERAGE_EVENTS) {
      if (event === 'pickup' && state !== 'queued') continue; // only a queued session is taken by an agent
      if (event === 'agentReply' && state === 'none') continue; // the agent needs a call the customer had
      out.push({ state, event });
    }
  }
  return out;
}

export const CLICK_TO_CALL_ACTIONS = ['create', 'events', 'drop'] as const;
export type ClickToCallAction = (typeof CLICK_TO_CALL_ACTIONS)[number];

export interface ExploreCoverageData {
  version: 1;
  source: string;
  generatedAt: string;
  runs: number;
  steps: number;
  requests: number;
  /** How often the model was certain the customer was in each state (after a step). */
  states: Record<string, number>;
  /** `<state>×<event>` → count. */
  cells: Record<string, number>;
  /** `<from> -<event>-> <to>` → count. */
  transitions: Record<string, number>;
  clickToCall: { stages: Record<string, number>; cells: Record<string, number> };
  /** Two requests of one customer at once: `<a>+<b>` → count. */
  concurrent: Record<string, number>;
  /** A customer step between an agent reply and the customer's next poll: step → count. */
  between: Record<string, number>;
  /** The pairs and between-steps the exploration sets out to reach (systematic.ts), for this tenant's scope. */
  listed: { pairs: string[]; between: string[] };
}

const bump = (r: Record<string, number>, k: string, by = 1): void => { r[k] = (r[k] ?? 0) + by; };

export const cellKey = (state: string, event: string): string => `${state}×${event}`;
export const transitionKey = (from: string, event: string, to: string): string => `${from} -${event}-> ${to}`;

export class ExploreCoverage {
  readonly data: ExploreCoverageData;

  constructor(source: string) {
    this.data = { version: 1, source, generatedAt: new Date().toISOString(), runs: 0, steps: 0, requests: 0, states: {}, cells: {}, transitions: {}, clickToCall: { stages: {}, cells: {} }, concurrent: {}, between: {}, listed: { pairs: [], between: [] } };
  }

  state(s: SessionState): void {
    bump(this.data.states, s);
  }

  /** A step from a known state; `to` when the model is certain of the state after it. */
  transition(from: SessionState, event: CoverageEvent, to?: SessionState): void {
    bump(this.data.cells, cellKey(from, event));
    if (to) bump(this.data.transitions, transitionKey(from, event, to));
  }

  clickToCall(stage: ClickToCallStage, action: ClickToCallAction, to: ClickToCallStage): void {
    bump(this.data.clickToCall.cells, cellKey(stage, action));
    bump(this.data.clickToCall.stages, to);
  }

  concurrent(a: string, b: string): void {
    bump(this.data.concurrent, [a, b].sort().join('+'));
  }

  between(op: string): void {
    bump(this.data.between, op);
  }

  /** What this exploration sets out to reach (the union, when several explorations are summed). */
  list(listed: { pairs: readonly string[]; between: readonly string[] }): void {
    this.data.listed = { pairs: [...new Set([...this.data.listed.pairs, ...listed.pairs])], between: [...new Set([...this.data.listed.between, ...listed.between])] };
  }

  write(dir: string): string {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${this.data.source}.json`);
    writeFileSync(file, `${JSON.stringify({ ...this.data, generatedAt: new Date().toISOString() }, null, 2)}\n`);
    return file;
  }
}

/** Where the coverage files of the explorations go under a reports directory. */
export const statesDir = (reportsDir: string): string => join(reportsDir, 'explore', 'states');

/** The reached cells and transitions of every file in `dir`, summed (undefined when there is none). */
export function readExploreCoverage(dir: string): ExploreCoverageData | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (!files.length) return undefined;
  const sum = new ExploreCoverage(files.map((f) => f.replace(/\.json$/, '')).join('+')).data;
  for (const f of files) {
    let d: ExploreCoverageData;
    try {
      d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ExploreCoverageData;
    } catch {
      continue;
    }
    sum.runs += d.runs;
    sum.steps += d.steps;
    sum.requests += d.requests;
    for (const [field, into] of [[d.states, sum.states], [d.cells, sum.cells], [d.transitions, sum.transitions], [d.clickToCall?.stages, sum.clickToCall.stages], [d.clickToCall?.cells, sum.clickToCall.cells], [d.concurrent, sum.concurrent], [d.between, sum.between]] as const) {
      for (const [k, v] of Object.entries(field ?? {})) bump(into, k, v);
    }
    if (d.listed) sum.listed = { pairs: [...new Set([...sum.listed.pairs, ...d.listed.pairs])], between: [...new Set([...sum.listed.between, ...d.listed.between])] };
  }
  return sum;
}

export interface ExploreCoverageSummary {
  states: { reached: number; total: number };
  cells: { reached: number; total: number };
  documented: { reached: number; total: number };
  clickToCall: { reached: number; total: number };
  concurrentPairs: number;
  /** The listed pairs of one customer's operations in flight at once that were reached. */
  pairs: { reached: number; total: number; missing: string[] };
  /** The listed customer steps between an agent reply and the next poll that were reached. */
  between: { reached: number; total: number; missing: string[] };
}

/** Reached out of the model's universe. */
export function summarizeExploreCoverage(d: ExploreCoverageData): ExploreCoverageSummary {
  const cells = sessionCells();
  const clickCells = CLICK_TO_CALL_STAGES.flatMap((s) => CLICK_TO_CALL_ACTIONS.map((a) => cellKey(s, a)));
  return {
    states: { reached: SESSION_STATES.filter((s) => d.states[s]).length, total: SESSION_STATES.length },
    cells: { reached: cells.filter((c) => d.cells[cellKey(c.state, c.event)]).length, total: cells.length },
    documented: { reached: DOCUMENTED_TRANSITIONS.filter((t) => d.transitions[transitionKey(t.from, t.event, t.to)]).length, total: DOCUMENTED_TRANSITIONS.length },
    clickToCall: { reached: clickCells.filter((k) => d.clickToCall.cells[k]).length, total: clickCells.length },
    concurrentPairs: Object.keys(d.concurrent).length,
    pairs: { reached: d.listed.pairs.filter((k) => d.concurrent[k]).length, total: d.listed.pairs.length, missing: d.listed.pairs.filter((k) => !d.concurrent[k]) },
    between: { reached: d.listed.between.filter((k) => d.between[k]).length, total: d.listed.between.length, missing: d.listed.between.filter((k) => !d.between[k]) },
  };
}
