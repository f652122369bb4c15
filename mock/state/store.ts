// All state of the mock tenant, in memory and bounded: tokens, users with their session and pending messages, calls,
// files, agent Guids and the records of satisfaction, feedback and offline messages. Data only: what a message or a
// token becomes is decided elsewhere (session-machine.ts, delivery.ts, tokens.ts). reset() empties it; timers
// started through later() die with a reset or close, so a late agent pickup cannot touch a fresh store.
import type { DownlinkMessage } from './downlink.js';
import { IdSource } from './ids.js';
import type { AgentGuid, Call, ClientToken, FabricToken, StoredFile, Timer, TokenKind, UserState } from './model.js';
import type { MockOptions } from '../behaviour/options.js';

/** Whether a stored token still works (the token hook of the app). */
export type TokenLive = (kind: TokenKind, token: FabricToken | ClientToken) => boolean;

export class MockStore {
  readonly ids: IdSource;
  fabricTokens = new Map<string, FabricToken>();
  clientTokens = new Map<string, ClientToken>();
  users = new Map<string, UserState>();
  calls = new Map<string, Call>();
  files = new Map<string, StoredFile>();
  fileBytes = 0;
  guids = new Map<string, AgentGuid>();
  /** agentId → the Guid of its signed-in session. */
  signedIn = new Map<string, string>();
  /** userId → the timer of the agent pickup of a queued session. */
  pickups = new Map<string, Timer>();
  records: Record<'satisfaction' | 'feedback' | 'leaveMessage' | 'mobileCall', unknown[]> = { satisfaction: [], feedback: [], leaveMessage: [], mobileCall: [] };
  private counters = { interIdx: 0, eventId: 168_100, queue: 0, session: 0 };
  private timers = new Set<NodeJS.Timeout>();
  private generation = 0;
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly options: MockOptions) {
    this.ids = new IdSource(options.seed, options.secretMarker);
    this.reset();
  }

  /** Empties every collection and cancels every pending timer; counters of ids keep running (no id is reused). */
  reset(): void {
    this.generation++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const m of [this.fabricTokens, this.clientTokens, this.users, this.calls, this.files, this.guids, this.signedIn, this.pickups]) m.clear();
    this.fileBytes = 0;
    for (const list of Object.values(this.records)) list.length = 0;
    const { agentGuid, agentId } = this.options.credentials;
    this.guids.set(agentGuid, { guid: agentGuid, agentId, preset: true, active: true });
  }

  get now(): number {
    return this.options.now();
  }

  nextInterIdx(): string {
    return String(++this.counters.interIdx);
  }

  nextEventId(): number {
    return ++this.counters.eventId;
  }

  nextQueueSeq(): number {
    return ++this.counters.queue;
  }

  nextSessionId(): number {
    return ++this.counters.session;
  }

  /** Runs fn after ms unless the store is reset or closed first. */
  later(ms: number, fn: () => void): Timer {
    const generation = this.generation;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (generation === this.generation) fn();
    }, ms);
    this.timers.add(t);
    return { cancel: () => { clearTimeout(t); this.timers.delete(t); } };
  }

  addFabricToken(t: FabricToken): void {
    capped(this.fabricTokens, t.token, t, this.options.limits.maxTokens);
  }

  addClientToken(t: ClientToken): void {
    capped(this.clientTokens, t.token, t, this.options.limits.maxTokens);
  }

  /** The user's state, created on first use; releases it first if it sat idle past the session time. */
  user(userId: string): UserState {
    let u = this.findUser(userId);
    if (!u) {
      u = { userId, lastActivity: this.now, outbox: [], interIdx: new Set() };
      capped(this.users, userId, u, this.options.limits.maxUsers, (evicted) => this.releaseUser(evicted));
    }
    return u;
  }

  /** The user's state if it exists and is not idle-expired; counts as activity. */
  findUser(userId: string): UserState | undefined {
    const u = this.users.get(userId);
    if (!u) return undefined;
    if (this.idle(u)) {
      this.dropUser(userId);
      return undefined;
    }
    u.lastActivity = this.now;
    this.users.delete(userId);
    this.users.set(userId, u); // most recently used last, so eviction takes the idlest
    return u;
  }

  private idle(u: UserState): boolean {
    return this.now - u.lastActivity > this.options.sessionIdleS * 1000;
  }

  dropUser(userId: string): void {
    const u = this.users.get(userId);
    if (!u) return;
    this.users.delete(userId);
    this.releaseUser(u);
  }

  private releaseUser(u: UserState): void {
    this.pickups.get(u.userId)?.cancel();
    this.pickups.delete(u.userId);
    if (u.session?.callId) this.calls.delete(u.session.callId);
  }

  /** Queues a message for the user (the oldest pending one goes beyond the cap). */
  pushOutbox(u: UserState, msg: DownlinkMessage): void {
    u.outbox.push(msg);
    if (u.outbox.length > this.options.limits.maxPendingPerUser) u.outbox.shift();
  }

  /** Empties the user's outbox; returns what was pending, oldest first. */
  takeOutbox(u: UserState): DownlinkMessage[] {
    const out = u.outbox;
    u.outbox = [];
    return out;
  }

  storeFile(file: StoredFile): void {
    const { maxFiles, maxFileBytesTotal } = this.options.limits;
    while (this.files.size >= maxFiles || (this.files.size > 0 && this.fileBytes + file.bytes.length > maxFileBytesTotal)) {
      const [oldest] = this.files.values();
      this.files.delete(oldest.objectKey);
      this.fileBytes -= oldest.bytes.length;
    }
    this.files.set(file.objectKey, file);
    this.fileBytes += file.bytes.length;
  }

  record(kind: keyof MockStore['records'], entry: unknown): void {
    const list = this.records[kind];
    list.push(entry);
    if (list.length > this.options.limits.maxRecords) list.shift();
  }

  /** Releases idle users and forgets tokens that no longer work. */
  sweep(live: TokenLive): void {
    for (const u of [...this.users.values()]) if (this.idle(u)) this.dropUser(u.userId);
    for (const [k, t] of this.fabricTokens) if (!live('fabric', t)) this.fabricTokens.delete(k);
    for (const [k, t] of this.clientTokens) if (!live('client', t)) this.clientTokens.delete(k);
  }

  /** Sweeps periodically while the app runs (the timer does not keep the process alive). */
  startSweeping(live: TokenLive): void {
    const every = Math.min(this.options.sessionIdleS * 500, 30_000);
    this.sweeper = setInterval(() => this.sweep(live), every);
    this.sweeper.unref();
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.generation++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** Map.set that evicts the oldest entries beyond max. */
function capped<K, V>(map: Map<K, V>, key: K, value: V, max: number, onEvict?: (v: V) => void): void {
  map.set(key, value);
  while (map.size > max) {
    const [oldestKey, oldest] = map.entries().next().value as [K, V];
    map.delete(oldestKey);
    onEvict?.(oldest);
  }
}
