// Time spent waiting for replies, read from the exchange records alone (fixtures/inbox.ts writes no marker).
//
// A *poll loop* is what Inbox.waitFor leaves in the records: consecutive polls of one receiver in one test, with no
// other request of that test started between two of them. A loop of two polls or more waited: its *wait* runs from
// the start of its first poll to the end of its last (the poll that brought the awaited message, or the deadline),
// its *idle* time is the part of that spent between polls (the back-off sleeps). A single poll is a request, not a
// wait, and polls more than 2 s apart are not one loop. (Exact waits would need a marker: Inbox.waitFor recording `{ operationId: null, method: 'WAIT', url:
// 'inbox:waitFor', startedAt, durationMs, variant: description }` through `api.recorder.record` when it returns.)
//
// The waits the tenant imposes, which no harness can save: the agent's pickup delay once per transfer that a test then
// waited on (a successful TRANS2AGENT/TRANSFER send followed by a poll loop of that test), and the Retry-After delay
// of every answer that the client then repeated (the same method and path, later in the same test).
import { testKey, type ExchangeRecord } from '../../src/contract/exchange.js';
import { retryAfterMs } from '../../src/suite/resilience.js';

export type WaitRecord = Pick<ExchangeRecord, 'startedAt' | 'durationMs' | 'operationId' | 'method' | 'url' | 'status' | 'resultCode' | 'test'>
  & { request?: { body?: unknown }; response?: { headers: Record<string, string> } };

export interface PollLoop {
  test: string;
  receiver: string;
  polls: number;
  startMs: number;
  endMs: number;
  /** Time inside the polls themselves. */
  pollMs: number;
  /** When the loop's latest poll started. */
  lastStartMs: number;
}

export interface Waits {
  /** Poll loops of two polls or more, and the polls in them. */
  loops: number;
  polls: number;
  /** From the first poll of each loop to the end of its last, summed. */
  waitMs: number;
  /** The part of waitMs between polls (back-off sleeps). */
  idleMs: number;
  /** Successful transfers to an agent, and those a test then waited on. */
  transfers: number;
  awaitedTransfers: number;
  /** Σ Retry-After of answers that were then repeated (capped as the client caps it, 30 s). */
  retryAfterMs: number;
  /** Answers that were repeated after a Retry-After. */
  retriedAfter: number;
}

const startOf = (r: WaitRecord): number => Date.parse(r.startedAt);
const pathOf = (url: string): string => {
  try { return new URL(url).pathname; } catch { return url.split('?')[0]; }
};
const receiverOf = (url: string): string => {
  try { return new URL(url).searchParams.get('receiverId') ?? ''; } catch { return ''; }
};
const bodyField = (r: WaitRecord, name: string): unknown => {
  const b = r.request?.body;
  return b && typeof b === 'object' ? (b as Record<string, unknown>)[name] : undefined;
};

function byTest(records: readonly WaitRecord[]): Map<string, WaitRecord[]> {
  const out = new Map<string, WaitRecord[]>();
  for (const r of records) {
    const k = testKey(r);
    if (!k) continue;
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(r);
  }
  for (const list of out.values()) list.sort((a, b) => startOf(a) - startOf(b));
  return out;
}

/** Polls further apart than this are not one loop (the inbox backs off 1 s at most; the health throttle adds a little):
 *  a test that sleeps on purpose between two polls (a token's lifetime) is not waiting for a reply. */
const MAX_GAP_MS = 2_000;

/** Every poll loop (single polls included: `polls` says how many). */
export function pollLoops(records: readonly WaitRecord[]): PollLoop[] {
  const loops: PollLoop[] = [];
  for (const [test, list] of byTest(records)) {
    const others = list.filter((r) => r.operationId !== 'poll').map(startOf);
    const open = new Map<string, PollLoop>();
    for (const r of list) {
      if (r.operationId !== 'poll') continue;
      const receiver = receiverOf(r.url);
      const start = startOf(r);
      const end = start + r.durationMs;
      const current = open.get(receiver);
      if (current && start - current.endMs <= MAX_GAP_MS && !others.some((t) => t > current.lastStartMs && t < start)) {
        current.polls++;
        current.lastStartMs = start;
        current.endMs = Math.max(current.endMs, end);
        current.pollMs += r.durationMs;
      } else {
        const loop: PollLoop = { test, receiver, polls: 1, startMs: start, endMs: end, pollMs: r.durationMs, lastStartMs: start };
        loops.push(loop);
        open.set(receiver, loop);
      }
    }
  }
  return loops;
}

const TRANSFER = new Set(['TRANS2AGENT', 'TRANSFER']);
const MAX_RETRY_AFTER_MS = 30_000;

export function waitsOf(records: readonly WaitRecord[]): Waits {
  const loops = pollLoops(records).filter((l) => l.polls >= 2);
  const waitMs = loops.reduce((s, l) => s + (l.endMs - l.startMs), 0);
  const pollMs = loops.reduce((s, l) => s + l.pollMs, 0);
  let transfers = 0;
  let awaitedTransfers = 0;
  let retryAfter = 0;
  let retriedAfter = 0;
  for (const [test, list] of byTest(records)) {
    const seen = new Set<string>();
    for (const [i, r] of list.entries()) {
      if (r.operationId === 'send' && TRANSFER.has(String(bodyField(r, 'controlType'))) && r.status === 200 && r.resultCode === '0') {
        const who = String(bodyField(r, 'from') ?? '');
        if (seen.has(who)) continue;
        seen.add(who);
        transfers++;
        if (loops.some((l) => l.test === test && l.startMs >= startOf(r))) awaitedTransfers++;
      }
      const after = r.status !== null && r.status >= 400 ? retryAfterMs(r.response?.headers) : undefined;
      if (after !== undefined && list.slice(i + 1).some((n) => n.method === r.method && pathOf(n.url) === pathOf(r.url))) {
        retryAfter += Math.min(after, MAX_RETRY_AFTER_MS);
        retriedAfter++;
      }
    }
  }
  return {
    loops: loops.length, polls: loops.reduce((s, l) => s + l.polls, 0), waitMs, idleMs: Math.max(0, waitMs - pollMs),
    transfers, awaitedTransfers, retryAfterMs: retryAfter, retriedAfter,
  };
}
