// All state of the mock tenant, in memory and bounded: tokens, users with their session and pending messages, calls,
// files, agent Guids and the records of satisfaction, feedback and offline messages. reset() empties it; timers
// started through later() die with a reset or close, so a late agent pickup cannot touch a fresh store.
import type { DownlinkMessage } from './downlink.js';
import { IdSource } from './ids.js';
import { mutationOf, type Mutation } from './mutations.js';
import type { MockOptions } from './options.js';

export interface FabricToken {
  token: string;
  appKey: string;
  createdAt: number;
  expiresAt: number;
}

export interface ClientToken {
  token: string;
  userId: string;
  userName: string;
  channelId: string;
  locale: string;
  appKey: string;
  expiresAt: number;
}

/** robot → (TRANS2AGENT) queued → (agent takes it) agent → (DISCONNECT) ended; robot or queued may end too. */
export type SessionState = 'robot' | 'queued' | 'agent' | 'ended';

export interface CustomerMessage {
  content: string;
  mediaType: string;
  timestamp: number;
}

export interface Session {
  state: SessionState;
  channel: string;
  startedAt: number;
  queuedAt?: number;
  /** Order of transfer (timestamps tie within a millisecond). */
  queueSeq?: number;
  callId?: string;
  agentId?: string;
  endedAt?: number;
  /** What the customer said in the session, kept so the call could show it (capped). */
  customerMessages: CustomerMessage[];
  pickupTimer?: Timer;
}

export interface ClickToCallEvent {
  resultDesc: string;
  eventId: number;
  content?: { domain: string; gwAddresses: string[]; accessCode: string; clickToCallCaller: string };
}

export interface ClickToCall {
  mediaAbility: string;
  active: boolean;
  /** Events not yet polled, delivered one per getClickToCallEvents. */
  events: ClickToCallEvent[];
}

export interface UserState {
  userId: string;
  lastActivity: number;
  /** Pending downlink messages, oldest first; poll takes them all. */
  outbox: DownlinkMessage[];
  /** Every interIdx the robot gave this user (feedbackSatisfaction accepts only these). */
  interIdx: Set<string>;
  session?: Session;
  clickToCall?: ClickToCall;
}

export interface Call {
  callId: string;
  userId: string;
  agentId: string;
}

export interface StoredFile {
  objectKey: string;
  owner: string;
  fileType: string;
  bytes: Buffer;
}

export interface AgentGuid {
  guid: string;
  agentId: string;
  /** The configured Guid (default or CEC_AGENT_GUID): valid without sign-in, never ended. */
  preset: boolean;
  active: boolean;
}

export interface Timer {
  cancel(): void;
}

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
  records: Record<'satisfaction' | 'feedback' | 'leaveMessage' | 'mobileCall', unknown[]> = { satisfaction: [], feedback: [], leaveMessage: [], mobileCall: [] };
  private counters = { interIdx: 0, eventId: 168_100, queue: 0 };
  private timers = new Set<NodeJS.Timeout>();
  private generation = 0;
  private sweeper?: NodeJS.Timeout;

  /** The deliberate defect of a mutation-testing run (delivery and token seams), if any. */
  private readonly mutation: Mutation | undefined;

  constructor(private readonly options: MockOptions) {
    this.ids = new IdSource(options.seed, options.secretMarker);
    this.mutation = mutationOf(options);
    this.reset();
  }

  /** Empties every collection and cancels every pending timer; counters of ids keep running (no id is reused). */
  reset(): void {
    this.generation++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const m of [this.fabricTokens, this.clientTokens, this.users, this.calls, this.files, this.guids, this.signedIn]) m.clear();
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

  /** Real token lifetime: the announced one, capped by the token-TTL fault. */
  private lifetimeMs(announcedS: number): number {
    const cap = this.options.faults.tokenTtlS;
    return (cap > 0 ? Math.min(announcedS, cap) : announcedS) * 1000;
  }

  issueFabricToken(appKey: string, announcedS: number): FabricToken {
    const now = this.now;
    const t: FabricToken = { token: this.ids.secret('fabric'), appKey, createdAt: now, expiresAt: now + this.lifetimeMs(announcedS) };
    capped(this.fabricTokens, t.token, t, this.options.limits.maxTokens);
    return t;
  }

  fabricToken(token: string): FabricToken | undefined {
    if (this.mutation?.tokensNeverExpire) return this.fabricTokens.get(token);
    return live(this.fabricTokens, token, this.now);
  }

  issueClientToken(fields: Omit<ClientToken, 'token' | 'expiresAt'>, announcedS: number): ClientToken {
    const t: ClientToken = { ...fields, token: this.ids.secret('client'), expiresAt: this.now + this.lifetimeMs(announcedS) };
    capped(this.clientTokens, t.token, t, this.options.limits.maxTokens);
    return t;
  }

  clientToken(token: string): ClientToken | undefined {
    return live(this.clientTokens, token, this.now);
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
    u.session?.pickupTimer?.cancel();
    if (u.session?.callId) this.calls.delete(u.session.callId);
  }

  deliver(u: UserState, msg: DownlinkMessage): void {
    const targets = this.mutation?.deliver ? this.mutation.deliver(this, u, msg) : [[u, msg] as const];
    for (const [user, m] of targets) {
      user.outbox.push(m);
      if (user.outbox.length > this.options.limits.maxPendingPerUser) user.outbox.shift();
    }
  }

  takeOutbox(u: UserState): DownlinkMessage[] {
    const out = u.outbox;
    u.outbox = [];
    return this.mutation?.take ? this.mutation.take(u, out) : out;
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

  /** Releases idle users and forgets expired tokens. */
  sweep(): void {
    const now = this.now;
    for (const u of [...this.users.values()]) if (this.idle(u)) this.dropUser(u.userId);
    for (const m of [this.fabricTokens, this.clientTokens]) {
      if (m === this.fabricTokens && this.mutation?.tokensNeverExpire) continue;
      for (const [k, t] of m) if (t.expiresAt <= now) m.delete(k);
    }
  }

  /** Sweeps periodically while the app runs (the timer does not keep the process alive). */
  startSweeping(): void {
    const every = Math.min(this.options.sessionIdleS * 500, 30_000);
    this.sweeper = setInterval(() => this.sweep(), every);
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

function live<T extends { expiresAt: number }>(map: Map<string, T>, key: string, now: number): T | undefined {
  const t = map.get(key);
  if (t && t.expiresAt <= now) {
    map.delete(key);
    return undefined;
  }
  return t;
}
