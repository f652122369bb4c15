// What keeps the nightly health check (CEC_HEALTH=1) gentle with a production tenant and deaf to its passing hiccups:
//
// - a throttle shared by every process of the run (and by every run against the same tenant on this machine): at
//   most `maxRps` requests per second start, whatever the number of workers;
// - transient answers are retried with exponential backoff (and jitter): HTTP 502, 503 and 504 and an HTML page
//   (what a gateway in front of a tenant that is down answers), HTTP 429, the flow-control resultCode "10010000002",
//   and any answer carrying `Retry-After`, whose delay is honoured (capped);
// - a request that got no answer because the connection failed is retried only when it is idempotent (GET);
// - every attempt has its own timeout (the client passes it on to Playwright).
//
// The client (fixtures/client.ts) applies this when the configuration says health (SuiteConfig.health).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/** The flow-control result code of the CEC ("the system is busy"): not an answer to the request, a transient refusal. */
export const FLOW_CONTROL_CODE = '10010000002';

export interface ResiliencePolicy {
  /** Requests per second at most, across every process of the run. */
  maxRps: number;
  /** Retries after the first attempt (0 = none). */
  retries: number;
  /** Timeout of each attempt (ms). */
  requestTimeoutMs: number;
  /** First backoff (ms); doubled each retry, with ±25% jitter, capped at maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this (ms) is cut to it: the check must finish. */
  maxRetryAfterMs: number;
}

export const DEFAULT_POLICY: Readonly<ResiliencePolicy> = Object.freeze({
  maxRps: 5,
  retries: 3,
  requestTimeoutMs: 10_000,
  backoffMs: 500,
  maxBackoffMs: 8_000,
  maxRetryAfterMs: 30_000,
});

export interface AttemptOutcome {
  /** HTTP status, or null when no answer came. */
  status: number | null;
  headers?: Record<string, string>;
  /** The answer's resultCode / returnCode / retcode, when it has one. */
  resultCode?: string;
  /** The request's method (a failed connection is retried only for GET). */
  method: string;
}

/** A gateway's answer for a tenant behind it that is down: 502, 503, 504, or an HTML page (where JSON is documented). */
export function tenantDownReason(status: number, headers: Record<string, string> | undefined): string | undefined {
  const type = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const html = /^text\/html\b/i.test(type);
  if ([502, 503, 504].includes(status)) return `HTTP ${status}${html ? ' (an HTML page)' : ''}`;
  if (html) return `HTTP ${status} with an HTML page where JSON is documented`;
  return undefined;
}

/** Why an attempt is worth repeating, or undefined when its outcome stands. */
export function transientReason(o: AttemptOutcome): string | undefined {
  if (o.status === null) return o.method.toUpperCase() === 'GET' ? 'no answer' : undefined;
  const down = tenantDownReason(o.status, o.headers);
  if (down) return down;
  if (o.status === 429) return 'HTTP 429';
  if (o.resultCode === FLOW_CONTROL_CODE) return `flow control (resultCode ${FLOW_CONTROL_CODE})`;
  if (retryAfterMs(o.headers) !== undefined && o.status >= 400) return 'Retry-After';
  return undefined;
}

/** The Retry-After header as a delay in ms (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  const raw = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1]?.trim();
  if (!raw) return undefined;
  if (/^[0-9]+$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before retry number `retry` (1-based): Retry-After when given (capped), else exponential backoff. */
export function backoffDelayMs(policy: ResiliencePolicy, retry: number, headers?: Record<string, string>, random = Math.random): number {
  const after = retryAfterMs(headers);
  if (after !== undefined) return Math.min(after, policy.maxRetryAfterMs);
  const base = Math.min(policy.backoffMs * 2 ** (retry - 1), policy.maxBackoffMs);
  return Math.round(base * (0.75 + random() * 0.5));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A rate limit shared by processes: time is cut into slots of 1000/maxRps ms; a request claims the next free slot by
 * creating its file exclusively (atomic across processes) and waits for the slot's start. Slot files older than a
 * minute are swept now and then. Keyed by `scope` (the tenant's URL): two runs against one tenant share the budget.
 */
export class SharedThrottle {
  readonly intervalMs: number;
  private readonly dir: string;
  private claims = 0;

  constructor(scope: string, maxRps: number, root = join(tmpdir(), 'cec-conformance-throttle')) {
    if (!(maxRps > 0)) throw new Error(`maxRps must be positive, not ${maxRps}`);
    this.intervalMs = 1000 / maxRps;
    this.dir = join(root, createHash('sha256').update(`${scope}@${maxRps}`).digest('hex').slice(0, 16));
    mkdirSync(this.dir, { recursive: true });
    this.sweep(Date.now());
  }

  /** Claims a slot; returns the slot's start time (ms since the epoch). */
  claim(now = Date.now()): number {
    let slot = Math.ceil(now / this.intervalMs);
    for (;;) {
      try {
        writeFileSync(join(this.dir, String(slot)), '', { flag: 'wx' });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        slot++;
      }
    }
    if (++this.claims % 200 === 0) this.sweep(now);
    return slot * this.intervalMs;
  }

  /** Waits until this process may send the next request; returns the start of the slot it claimed. */
  async acquire(): Promise<number> {
    const start = this.claim();
    // A timer may fire a millisecond before the wall clock reaches its end (timers run on a monotonic clock): wait
    // again for what is left, so no request leaves before its slot.
    for (let wait = start - Date.now(); wait > 0; wait = start - Date.now()) await sleep(wait);
    return start;
  }

  private sweep(now: number): void {
    const oldest = Math.floor((now - 60_000) / this.intervalMs);
    for (const f of readdirSync(this.dir)) if (Number(f) < oldest) rmSync(join(this.dir, f), { force: true });
  }
}

/** One throttle per scope and rate in this process. */
const throttles = new Map<string, SharedThrottle>();
export function throttleFor(scope: string, maxRps: number): SharedThrottle {
  const key = `${scope}@${maxRps}`;
  let t = throttles.get(key);
  if (!t) throttles.set(key, (t = new SharedThrottle(scope, maxRps)));
  return t;
}

/**
 * Runs `attempt` under the policy: each attempt waits for the throttle, gets the policy's timeout, and is repeated
 * while its outcome is transient and retries remain. `attempt` returns its outcome and its result; a thrown error
 * counts as "no answer" (rethrown when it is not retried, or after the last retry).
 */
export async function withResilience<T>(
  policy: ResiliencePolicy,
  throttle: { acquire(): Promise<unknown> },
  method: string,
  attempt: (timeoutMs: number) => Promise<{ outcome: AttemptOutcome; result: T }>,
  onRetry?: (retry: number, reason: string, delayMs: number) => void,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    await throttle.acquire();
    let done: { outcome: AttemptOutcome; result: T } | undefined;
    let error: unknown;
    try {
      done = await attempt(policy.requestTimeoutMs);
    } catch (e) {
      // An error that says it must not be repeated (a spent throttle budget) ends the attempts.
      if ((e as { retryable?: boolean })?.retryable === false) throw e;
      error = e;
    }
    const outcome: AttemptOutcome = done?.outcome ?? { status: null, method };
    const reason = transientReason(outcome);
    if (reason === undefined || retry >= policy.retries) {
      if (done) return done.result;
      throw error;
    }
    const delay = backoffDelayMs(policy, retry + 1, outcome.headers);
    onRetry?.(retry + 1, reason, delay);
    await sleep(delay);
  }
}
