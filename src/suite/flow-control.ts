// A gateway's flow control is the tenant protecting itself, not a broken rule. The API Fabric gateway answers a burst
// above its rate per app key with HTTP 429 (`{"errorCode":"APIGW.0308","exceptionInfo":…}`, maybe `Retry-After`), and
// feedbacksatisfaction documents flow control as resultCode "10010000002" (facts, ../shared/seeds/README.md). So:
//
// - such an answer is retried, after the server's delay (Retry-After, seconds or an HTTP date) or a backoff, within a
//   budget per request (a number of retries and a total wait: CEC_THROTTLE_RETRIES, CEC_THROTTLE_MAX_WAIT_S);
// - it slows the client down for the rest of the run: an adaptive rate per tenant and app key (AIMD: halved on a
//   throttle, grown slowly on success), kept in a file every worker of the run reads, and paced by the SharedThrottle
//   (slots claimed across processes);
// - it is counted (each throttled attempt's exchange record says so, with the wait it caused), not judged; only when
//   the budget is spent does the request fail, as one "throttled" finding (ThrottledError, the client's observation).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { FLOW_CONTROL_CODE, retryAfterMs, throttleFor } from './resilience.js';

/** The API Fabric (Huawei API Gateway) errorCode of a throttled request (facts). */
export const GATEWAY_THROTTLE_CODE = 'APIGW.0308';

export interface ThrottleBudget {
  /** Retries of one request after a throttled answer (0: none). */
  retries: number;
  /** The total wait one request may spend on throttled answers (ms). */
  maxWaitMs: number;
  /** The first backoff without Retry-After (ms), doubled per retry with ±25% jitter, capped at maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_BUDGET: Readonly<ThrottleBudget> = Object.freeze({ retries: 10, maxWaitMs: 60_000, backoffMs: 500, maxBackoffMs: 8_000 });

/** Why an answer is the gateway's flow control, or undefined. `resultCode` and `errorCode` are the body's. */
export function throttledReason(a: { status: number | null; resultCode?: string; errorCode?: string }): string | undefined {
  if (a.status === 429) return `HTTP 429${a.errorCode ? ` ${a.errorCode}` : ''}`;
  if (a.errorCode === GATEWAY_THROTTLE_CODE) return `HTTP ${a.status} ${GATEWAY_THROTTLE_CODE}`;
  if (a.resultCode === FLOW_CONTROL_CODE) return `flow control (resultCode ${FLOW_CONTROL_CODE})`;
  return undefined;
}

/** The `errorCode` of an API Fabric error body, when the text is one. */
export function errorCodeOfText(text: string): string | undefined {
  if (!text.includes('errorCode')) return undefined;
  try {
    const v = (JSON.parse(text) as { errorCode?: unknown }).errorCode;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The wait before throttle retry `retry` (1-based): the server's Retry-After when given, else a backoff. */
export function throttleDelayMs(budget: ThrottleBudget, retry: number, headers?: Record<string, string>, random = Math.random, now = Date.now()): number {
  const after = retryAfterMs(headers, now);
  if (after !== undefined) return after;
  const base = Math.min(budget.backoffMs * 2 ** (retry - 1), budget.maxBackoffMs);
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Thrown when a request is still throttled after its budget: the test cannot go on, and no rule was broken. */
export class ThrottledError extends Error {
  /** Not repeated by the health check's retries: the budget is spent. */
  readonly retryable = false;
  constructor(readonly operationId: string, readonly reason: string, readonly attempts: number, readonly waitedMs: number) {
    super(`Throttled: ${operationId} still met the gateway's flow control (${reason}) after ${attempts} attempts and ${(waitedMs / 1000).toFixed(1)} s of waiting; the retry budget (CEC_THROTTLE_RETRIES, CEC_THROTTLE_MAX_WAIT_S) is spent. The tenant protected itself: no rule is broken; lower CEC_MAX_RPS or CEC_WORKERS.`);
    this.name = 'ThrottledError';
  }
}

interface RateState { rps: number | null; decreasedAt: number }

/** Rates are paced on levels 2^(k/4) (steps of about 19%, never above the rate), so workers at one rate claim the same slots. */
export const rateLevel = (rps: number): number => 2 ** (Math.floor(Math.log2(rps) * 4 + 1e-9) / 4);

/**
 * The request rate of one tenant and app key, adapted to its gateway and shared by every process of the run through
 * a small file: unlimited (or `ceiling`) until the first throttle; then halved on each throttle (at most once a
 * second, one burst is one signal) and grown by `step` per success. `floor` keeps it from reaching zero.
 */
export class AdaptiveRate {
  private readonly file: string;
  private cached: RateState = { rps: null, decreasedAt: 0 };
  private readAt = 0;
  private successes = 0;
  private flushedAt = Date.now();
  /** Start times of this process's recent requests (for the first estimate of the run's rate). */
  private recent: number[] = [];

  constructor(readonly scope: string, private readonly options: { ceiling?: number; floor?: number; step?: number; processes?: number; root?: string } = {}) {
    const root = options.root ?? join(tmpdir(), 'cec-conformance-rate');
    mkdirSync(root, { recursive: true });
    this.file = join(root, `${createHash('sha256').update(scope).digest('hex').slice(0, 16)}-${process.env.CEC_RUN_ID ?? `p${process.pid}`}.json`);
  }

  /** Requests per second now (null: no limit). */
  current(now = Date.now()): number | null {
    if (now - this.readAt > 200) {
      this.readAt = now;
      try {
        this.cached = JSON.parse(readFileSync(this.file, 'utf8')) as RateState;
      } catch { /* none yet: unlimited */ }
    }
    const { ceiling } = this.options;
    const rps = this.cached.rps;
    return rps === null ? (ceiling ?? null) : ceiling ? Math.min(rps, ceiling) : rps;
  }

  /** Waits for this request's slot under the current rate (no wait while unlimited). */
  async acquire(): Promise<void> {
    const now = Date.now();
    this.recent.push(now);
    while (this.recent.length && this.recent[0] < now - 1000) this.recent.shift();
    const rps = this.current(now);
    if (rps !== null) await throttleFor(this.scope, rps === this.options.ceiling ? rps : rateLevel(rps)).acquire();
  }

  /** A throttled answer: the run's rate halves (once per second at most). */
  throttled(now = Date.now()): void {
    const state = this.read();
    if (now - state.decreasedAt < 1000) return;
    // The first throttle: the run was going at about this process's rate times the processes sending.
    const was = state.rps ?? this.options.ceiling ?? Math.max(1, this.recent.length * (this.options.processes ?? 1));
    this.write({ rps: Math.max(this.options.floor ?? 0.5, was / 2), decreasedAt: now });
    this.successes = 0;
  }

  /** An answer that was not throttled: the rate grows by `step` per success, written now and then. */
  succeeded(now = Date.now()): void {
    this.successes++;
    if (now - this.flushedAt < 500) return;
    this.flushedAt = now;
    const state = this.read();
    if (state.rps !== null) this.write({ ...state, rps: Math.min(state.rps + this.successes * (this.options.step ?? 0.1), this.options.ceiling ?? 10_000) });
    this.successes = 0;
  }

  /** Back to no limit (a self-test that throttled on purpose leaves the run's rate as it found it). */
  reset(): void {
    this.write({ rps: null, decreasedAt: 0 });
    this.successes = 0;
  }

  private read(): RateState {
    this.readAt = 0;
    this.current();
    return this.cached;
  }

  private write(state: RateState): void {
    this.cached = state;
    const tmp = `${this.file}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.file); // atomic: a reader sees the old state or the new one
  }
}

const rates = new Map<string, AdaptiveRate>();
/** One adaptive rate per tenant and app key in this process. */
export function rateFor(baseUrl: string, appKey: string, options: ConstructorParameters<typeof AdaptiveRate>[1] = {}): AdaptiveRate {
  const scope = `${baseUrl}#${appKey}`;
  let r = rates.get(scope);
  if (!r) rates.set(scope, (r = new AdaptiveRate(scope, options)));
  return r;
}
