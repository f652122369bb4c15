// The exploration: fast-check generates sequences of steps over 1-3 customers and the agent (fc.commands), each run
// meets fresh customers, executes the steps against the tenant and the model (fc.asyncModelRun), drains what is owed,
// and checks it. A failure is shrunk to the shortest sequence that still fails; its steps are kept for the repro.
import fc from 'fast-check';
import { commandsArbitrary } from './commands.js';
import { ExploreCoverage } from './coverage.js';
import { drain } from './drain.js';
import { execute } from './execute.js';
import { newRunModel, type ExploreStats, type RunModel } from './model.js';
import type { ExploreSettings } from './settings.js';
import { enabled } from './preconditions.js';
import type { Step } from './steps.js';
import type { Observation } from '../../src/contract/findings.js';
import { listing, systematicPlans, type PlanScope } from './systematic.js';
import { ExplorationFailure, Verdicts, type Seen } from './verdict.js';
import type { ExploreWorld, RunReal } from './world.js';

export interface ExploreFailure {
  /** The shortest failing sequence found (the steps that ran). */
  steps: Step[];
  customers: number;
  /** What failed (an observation of a check, or another error). */
  message: string;
  observation?: Observation;
  /** fast-check's replay handles: `--seed=<seed> --path=<path>`. */
  seed: number;
  path?: string;
  shrinks: number;
  /** The repro replayed on its own failed again (undefined: not tried). */
  confirmed?: boolean;
  /** Replays spent shrinking the recorded steps further (minimize()). */
  minimizeReplays?: number;
  /** The sequence bounds the counterexample was generated under (fast-check replays it only with the same ones). */
  bounds?: { maxCustomers: number; maxSteps: number };
}

export interface ExploreResult {
  ok: boolean;
  /** The systematic part (systematic.ts): plans run, and how long they took. */
  systematic?: { plans: number; seconds: number };
  seed: number;
  /** Runs and steps of the exploration (up to a failure). */
  runs: number;
  steps: number;
  /** Runs fast-check spent shrinking a failure. */
  shrinkRuns: number;
  requests: number;
  seconds: number;
  /** Warnings, one per signature, with how often each was seen. */
  warnings: Seen[];
  /** The model rules whose checks held at least once. */
  held: string[];
  failure?: ExploreFailure;
  coverage: ExploreCoverage;
  stats: ExploreStats;
}

/** Sets up one run: fresh customers with their tokens, and the model. */
async function setup(world: ExploreWorld, customers: number, key: string, verdicts: Verdicts, coverage: ExploreCoverage, stats: ExploreStats, scheduler?: fc.Scheduler): Promise<{ model: RunModel; real: RunReal }> {
  const made = await Promise.all(Array.from({ length: customers }, (_, i) => world.newCustomer(`${key}#c${i + 1}`)));
  const nonce = (stats.runs + 1).toString(36) + Math.floor(Math.random() * 36 ** 4).toString(36);
  const model = newRunModel({ userIds: made.map((c) => c.userId), agent: !!world.agent, sideEffects: world.config.allowSideEffects, canDial: world.config.target === 'mock' || !!world.config.testPhone, nonce, verdicts, coverage, stats });
  return { model, real: { world, customers: made, ...(scheduler ? { scheduler } : {}) } };
}

/** Leaves nothing behind on the tenant: calls dropped, sessions disconnected (best effort). */
async function teardown(real: RunReal): Promise<void> {
  await Promise.all(real.customers.map(async (c) => {
    if (c.clickToCallActive) await c.dropClickToCall().catch(() => undefined);
    if (c.connected) await c.disconnect().catch(() => undefined);
  }));
}

/** The settle window: twice the slowest pickup seen (a late pickup would come about then), or the setting. */
export function settleWindow(settings: Pick<ExploreSettings, 'settleMs'>, stats: ExploreStats, replyTimeoutMs: number): number {
  if (settings.settleMs !== undefined) return settings.settleMs;
  return Math.min(replyTimeoutMs, stats.maxPickupMs > 0 ? Math.max(200, stats.maxPickupMs * 2) : 600);
}

async function runOnce(world: ExploreWorld, customers: number, key: string, body: (m: RunModel, r: RunReal) => Promise<void>, settings: ExploreSettings, verdicts: Verdicts, coverage: ExploreCoverage, stats: ExploreStats, scheduler?: fc.Scheduler): Promise<RunModel> {
  const { model, real } = await setup(world, customers, key, verdicts, coverage, stats, scheduler);
  stats.runs++;
  coverage.data.runs++;
  try {
    await body(model, real);
    await drain(real, model, settleWindow(settings, stats, world.replyTimeoutMs));
  } finally {
    await teardown(real);
  }
  return model;
}

/** A replay stopped before its next step because `stop` was aborted (another plan already failed). */
class ReplayStopped extends Error {}

/** Replays a sequence of steps (a repro) once, skipping a step whose precondition does not hold (as fast-check does); throws the failure it meets.
 *  Aborting `stop` ends it before its next step, without waiting for what is owed (ReplayStopped). */
export async function replay(world: ExploreWorld, args: { customers: number; steps: readonly Step[]; settleMs?: number; key?: string; stop?: AbortSignal }, verdicts = new Verdicts(world.config.strict), coverage = new ExploreCoverage('repro'), stats: ExploreStats = { runs: 0, steps: 0, tenantSendsMarkers: false, maxPickupMs: 0 }): Promise<RunModel> {
  return runOnce(world, args.customers, args.key ?? `replay-${Date.now()}`, async (m, r) => {
    for (const s of args.steps) {
      if (args.stop?.aborted) throw new ReplayStopped();
      if (enabled(m, s)) await execute(r, m, structuredClone(s) as Step);
    }
  }, { runs: 1, seconds: 0, seed: 0, maxCustomers: 3, maxSteps: args.steps.length, shrinkSeconds: 0, settleMs: args.settleMs }, verdicts, coverage, stats);
}

/** What a replay fails on: the signature of the failure (undefined: it passed). */
async function failsOn(world: ExploreWorld, customers: number, steps: readonly Step[], key: string, settleMs?: number): Promise<{ signature: string; error: Error } | undefined> {
  try {
    await replay(world, { customers, steps, key, settleMs });
    return undefined;
  } catch (e) {
    return { signature: e instanceof ExplorationFailure ? e.observation.signature : `error: ${(e as Error).name}`, error: e as Error };
  }
}

const isTransfer = (s: Step): boolean => s.op === 'transfer' || (s.op === 'both' && (s.a.op === 'transfer' || s.b.op === 'transfer'));

/** The steps with a wait for the agent after every transfer (and after a pair that transfers). */
export function pinPickups(steps: readonly Step[]): Step[] {
  return steps.flatMap((s, i) => (isTransfer(s) && steps[i + 1]?.op !== 'waitAgent' ? [s, { op: 'waitAgent', c: s.c } as Step] : [s]));
}

/** The step for customer `c` instead. */
const renumber = (s: Step, c: number): Step => (s.op === 'both' ? { ...s, c, a: { ...s.a, c }, b: { ...s.b, c } } : { ...s, c });

/** A step's smaller variants: a pair of requests as each of its halves (on its own). */
const simpler = (s: Step): Step[] => (s.op === 'both' ? [s.a, s.b] : []);

/**
 * Shrinks the recorded steps further by replaying (fast-check shrinks the generated commands; a shortcut such as
 * toAgent runs as several steps, and time-dependent candidates may pass by luck): drops each step, splits each pair,
 * keeps a change when the replay still fails on the same check. The result fails on its own by construction.
 */
export async function minimize(world: ExploreWorld, failure: ExploreFailure, budgetS: number, settleMs?: number): Promise<ExploreFailure> {
  const signature = failure.observation?.signature;
  if (!signature || !failure.steps.length) return failure;
  const end = Date.now() + budgetS * 1000;
  let steps = [...failure.steps];
  let customers = failure.customers;
  let n = 0;
  let last: Error | undefined;
  const still = async (candidate: Step[], cs = customers): Promise<boolean> => {
    const f = await failsOn(world, cs, candidate, `minimize-${failure.seed}-${++n}`, settleMs);
    if (f?.signature !== signature) return false;
    last = f.error;
    return true;
  };
  // An agent's pickup comes when it comes: a sequence may have failed because a pickup fell between two steps. A
  // wait for the agent after each transfer pins that down; when the sequence still fails so, it is the steadier repro.
  const pinned = pinPickups(steps);
  const pin = pinned.length > steps.length && await still(pinned);
  if (pin) steps = pinned;
  else if (!(await still(steps)) && !(await still(steps))) return { ...failure, confirmed: false, minimizeReplays: n };
  let confirmed: boolean;
  // Big cuts first (delta debugging): halves, quarters, … of the sequence, a transfer keeping its wait.
  for (let size = Math.floor(steps.length / 2); size >= 2 && Date.now() < end; size = Math.floor(size / 2)) {
    for (let i = 0; i + size <= steps.length && Date.now() < end;) {
      const cut = [...steps.slice(0, i), ...steps.slice(i + size)];
      const candidate = pin ? pinPickups(cut) : cut;
      if (candidate.length < steps.length && await still(candidate)) steps = candidate;
      else i += size;
    }
  }
  // Then step by step, and each pair as one of its halves.
  for (let changed = true; changed && Date.now() < end;) {
    changed = false;
    for (let i = steps.length - 1; i >= 0 && Date.now() < end; i--) {
      // A wait for the agent after a transfer stays (without it the sequence would hang on when the pickup comes); it
      // goes together with its transfer.
      const pinnedWait = steps[i].op === 'waitAgent' && i > 0 && isTransfer(steps[i - 1]);
      const span = isTransfer(steps[i]) && steps[i + 1]?.op === 'waitAgent' ? 2 : 1;
      const drops = pinnedWait ? [] : [[...steps.slice(0, i), ...steps.slice(i + span)]];
      for (const candidate of [...drops, ...simpler(steps[i]).map((x) => [...steps.slice(0, i), x, ...steps.slice(i + 1)])]) {
        if (await still(candidate)) {
          steps = candidate;
          changed = true;
          break;
        }
      }
    }
  }
  // Fewer customers when the steps name fewer: the ones named, numbered from 1 in the order they first act.
  const order = [...new Set(steps.map((s) => s.c))];
  if (order.length < customers) {
    const renumbered = steps.map((s) => renumber(s, order.indexOf(s.c)));
    if (await still(renumbered, order.length)) {
      steps = renumbered;
      customers = order.length;
    }
  }
  confirmed = true;
  // The message of the last replay that failed so (the same check, on the steps as they are now).
  const words = last instanceof ExplorationFailure ? { message: last.message, observation: last.observation } : {};
  return { ...failure, ...words, steps, customers, confirmed, minimizeReplays: n };
}

/** What the plans may use of this world's tenant. */
export const scopeOf = (world: ExploreWorld): PlanScope => ({ agent: !!world.agent, sideEffects: world.config.allowSideEffects, canDial: world.config.target === 'mock' || !!world.config.testPhone });

/**
 * Runs the systematic plans (every listed pair at once, every listed step between an agent reply and the next poll)
 * side by side, each a replay with the model's checks. Returns the first plan that failed, with its failure; the
 * plans still running then stop before their next step (the verdict is decided: the rest would only cost requests).
 */
export async function exploreSystematically(world: ExploreWorld, seed: number, verdicts: Verdicts, coverage: ExploreCoverage, stats: ExploreStats, settleMs?: number): Promise<{ plans: number; failure?: { steps: Step[]; error: unknown } }> {
  const scope = scopeOf(world);
  coverage.list(listing(scope));
  const plans = systematicPlans(scope);
  let failure: { steps: Step[]; error: unknown } | undefined;
  // First one agent reply, waited for: how long this tenant takes to have a reply pending (stats.deliveryMs), which
  // every pair of the plans then waits after its reply.
  if (scope.agent && stats.deliveryMs === undefined) {
    const probe: Step[] = [{ op: 'connect', c: 0 }, { op: 'transfer', c: 0 }, { op: 'waitAgent', c: 0 }, { op: 'agentReply', c: 0, text: 'Systematic probe', call: 'current' }];
    try {
      await replay(world, { customers: 1, steps: probe, settleMs, key: `systematic-${seed}-probe` }, verdicts, coverage, stats);
    } catch (e) {
      return { plans: 0, failure: { steps: probe, error: e } };
    }
  }
  const stop = new AbortController();
  await Promise.all(plans.map(async (plan, i) => {
    try {
      // The exploration's stats: what the plans learn of the tenant (its pickup time, whether it marks a session's end)
      // sizes the settle window and the waits of the random runs after them, the same in every exploration.
      await replay(world, { customers: 1, steps: plan.steps, settleMs, key: `systematic-${seed}-${i + 1}`, stop: stop.signal }, verdicts, coverage, stats);
    } catch (e) {
      if (e instanceof ReplayStopped) return;
      failure ??= { steps: plan.steps, error: e };
      stop.abort();
    }
  }));
  return { plans: plans.length, failure };
}

/** Explores within the budget; returns the summary and, on failure, the shrunk sequence. */
export async function explore(world: ExploreWorld, settings: ExploreSettings, source = 'cli', log: (line: string) => void = () => undefined): Promise<ExploreResult> {
  const verdicts = new Verdicts(world.config.strict);
  const coverage = new ExploreCoverage(source);
  const stats: ExploreStats = { runs: 0, steps: 0, tenantSendsMarkers: false, maxPickupMs: 0 };
  const requests0 = world.requests();
  const t0 = Date.now();
  let systematic: ExploreResult['systematic'];
  // What the exploration sets out to reach, listed whether or not the systematic plans run (random runs count too).
  coverage.list(listing(scopeOf(world)));
  if (settings.systematic !== false) {
    const s0 = Date.now();
    const done = await exploreSystematically(world, settings.seed, verdicts, coverage, stats, settings.settleMs);
    systematic = { plans: done.plans, seconds: (Date.now() - s0) / 1000 };
    const planSteps = stats.steps;
    // Runs and steps count the random runs; the plans are counted apart (a failing plan: the plans are the runs).
    stats.runs = 0;
    stats.steps = 0;
    log(`  systematic: ${done.plans} plans (every pair at once, every step between an agent reply and the next poll) in ${systematic.seconds.toFixed(1)} s`);
    if (done.failure) {
      const error = done.failure.error;
      coverage.data.requests = world.requests() - requests0;
      return {
        ok: false, seed: settings.seed, systematic, runs: done.plans, steps: planSteps, shrinkRuns: 0, requests: world.requests() - requests0, seconds: (Date.now() - t0) / 1000,
        warnings: verdicts.warnings, held: [...verdicts.held], coverage, stats,
        failure: {
          steps: done.failure.steps, customers: 1, message: error instanceof Error ? error.message : String(error),
          observation: error instanceof ExplorationFailure ? error.observation : undefined, seed: settings.seed, shrinks: 0,
        },
      };
    }
  }
  const budgetEnd = Date.now() + settings.seconds * 1000;
  let shrinkEnd = Infinity;
  let failing: { steps: Step[]; customers: number; error: unknown } | undefined;
  let key = 0;
  /** Runs and steps up to the first failure (what came after is shrinking). */
  let firstFailure: { runs: number; steps: number } | undefined;

  // fc.scheduler: which request of a pair at once leaves first is fast-check's choice too (execute.ts), shrunk and
  // replayed with the rest of the counterexample.
  const property = fc.asyncProperty(fc.integer({ min: 1, max: settings.maxCustomers }), commandsArbitrary(settings.maxCustomers, settings.maxSteps, undefined), fc.scheduler(), async (customers, cmds, scheduler) => {
    // Past the budget, a run is not started (it passes without touching the tenant); while shrinking a failure, runs
    // go on until the shrink budget, after which every candidate passes and the smallest failure so far stands.
    if (failing ? Date.now() > shrinkEnd : Date.now() > budgetEnd) return;
    const runKey = `${settings.seed}:${++key}`;
    let model: RunModel | undefined;
    try {
      model = await runOnce(world, customers, runKey, async (m, r) => {
        model = m;
        await fc.asyncModelRun(() => ({ model: m, real: r }), cmds);
      }, settings, verdicts, coverage, stats, scheduler);
      if (stats.runs % 10 === 0) log(`  ${stats.runs} runs, ${stats.steps} steps, ${Math.round((Date.now() - t0) / 1000)} s`);
    } catch (e) {
      if (!failing) {
        firstFailure = { runs: stats.runs, steps: stats.steps };
        // fast-check shrinks the generated commands for half the budget; minimize() then replays the recorded steps.
        shrinkEnd = Date.now() + settings.shrinkSeconds * 500;
        log(`  run ${stats.runs} failed after ${model?.trace.length ?? 0} steps: ${(e as Error).message.split('\n')[0]}; shrinking (at most ${settings.shrinkSeconds} s)`);
      }
      failing = { steps: [...(model?.trace ?? [])], customers, error: e };
      throw e;
    }
  });
  const details = await fc.check(property, { numRuns: settings.runs, seed: settings.seed, ...(settings.path ? { path: settings.path } : {}), endOnFailure: false });

  coverage.data.steps = stats.steps;
  coverage.data.requests = world.requests() - requests0;
  const result: ExploreResult = {
    ok: !details.failed, seed: details.seed, systematic, runs: firstFailure?.runs ?? stats.runs, steps: firstFailure?.steps ?? stats.steps,
    shrinkRuns: firstFailure ? stats.runs - firstFailure.runs : 0, requests: world.requests() - requests0,
    seconds: (Date.now() - t0) / 1000, warnings: verdicts.warnings, held: [...verdicts.held], coverage, stats,
  };
  if (details.failed && failing) {
    const error = failing.error;
    result.failure = {
      steps: failing.steps, customers: failing.customers,
      message: error instanceof Error ? error.message : String(error),
      observation: error instanceof ExplorationFailure ? error.observation : undefined,
      seed: details.seed, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks,
      bounds: { maxCustomers: settings.maxCustomers, maxSteps: settings.maxSteps },
    };
  } else if (details.failed) {
    result.failure = { steps: [], customers: 1, message: String(details.errorInstance), seed: details.seed, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks };
  }
  return result;
}
