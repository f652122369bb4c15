// Mutants only an order of steps or two requests at once can show (issue 14). No fixed journey of the suite takes
// these orders; the model-based exploration (npm run explore) does. Each is an entry in the `Mutation` shape of
// mock/mutations.ts, applied through one existing seam (a handler wrapper), and declares `killedBy: 'exploration'`:
// `npm run mutation` runs the exploration against it instead of the suite, which would let it survive.
//
// The concurrency mutants model the classic lost update: a read of the customer's pending messages, a slow store
// round trip (SLOW_MS), then a write of what was read. One request alone is never hurt; two of one customer at once
// are.
import { ok } from './errors.js';
import type { Handler, HandlerContext } from './handlers/types.js';
import { result } from './handlers/types.js';
import type { OperationId } from './handlers/index.js';
import type { Mutation } from './mutations.js';
import { robotAnswer } from './robot.js';
import { say } from './sessions.js';
import type { DownlinkMessage } from './downlink.js';
import type { MockStore, Session, UserState } from './store.js';

/** A mutant the exploration kills (the fixed suite takes no order that shows it). */
export type ExplorationMutation = Mutation & { killedBy: 'exploration' };

/** The store round trip of the lost-update mutants: wide enough that two requests sent together both fall in it. */
const SLOW_MS = 40;
const slow = (): Promise<void> => new Promise((r) => setTimeout(r, SLOW_MS));

interface SendBody { controlType: string; content: string; mediaType: string }
const userOf = (ctx: HandlerContext): string | undefined => ctx.auth.client?.userId;
/** The agent has the session under `callId` (as the mock's own pickup does it). */
function agentHas(store: MockStore, s: Session, userId: string, agentId: string, callId: string): void {
  s.state = 'agent';
  s.callId = callId;
  s.agentId = agentId;
  store.calls.set(callId, { callId, userId, agentId });
}

/** The state of the customer of the request's ccmessaging-token, if it has any. */
const customerOf = (ctx: HandlerContext): UserState | undefined => {
  const userId = userOf(ctx);
  return userId ? ctx.store.users.get(userId) : undefined;
};
const wrap = (id: OperationId, w: (correct: Handler) => Handler): Mutation['handlers'] => ({ [id]: w });

export const EXPLORATION_MUTATIONS = {
  'reconnect-resumes-ended-call': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'nothing is delivered into a session after its DISCONNECT: a new CONNECT starts a new session with the robot (seed 001 and seed 000 chapter 7)',
    how: 'a CONNECT after a DISCONNECT of an agent call resumes that call: the agent\'s messages to the ended call reach the new session',
    handlers: wrap('send', (correct) => async (ctx) => {
      const userId = userOf(ctx);
      const old = customerOf(ctx)?.session;
      const r = await correct(ctx);
      const s = customerOf(ctx)?.session;
      if ((ctx.body as SendBody).controlType !== 'CONNECT' || !old || !s || s === old || old.state !== 'ended' || !old.callId || !old.agentId) return r;
      agentHas(ctx.store, s, userId!, old.agentId, old.callId);
      return r;
    }),
  },
  'pickup-after-disconnect': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'a DISCONNECT while queued ends the session: no agent takes it afterwards (seed 001; seed 000 chapter 7)',
    how: 'a DISCONNECT while queued leaves the call in the agent queue: the agent\'s pickup delivers "Connected Agent" into the ended session',
    handlers: wrap('send', (correct) => async (ctx) => {
      const userId = userOf(ctx);
      const s = customerOf(ctx)?.session;
      const queued = (ctx.body as SendBody).controlType === 'DISCONNECT' && s?.state === 'queued';
      const r = await correct(ctx);
      if (!queued || !s || !userId) return r;
      const { store, options } = ctx;
      store.later(options.agentDelayMs, () => {
        const u = store.users.get(userId);
        if (!u || s.state !== 'ended') return;
        agentHas(store, s, userId, options.credentials.agentId, `${Math.floor(store.now / 1000)}-${store.ids.digits(8)}`);
        say(store, options, u, s, { sourceType: 'SYSTEM', content: 'Connected Agent' });
      });
      return r;
    }),
  },
  'connect-drops-pending': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'poll hands out every pending message, the last session\'s too (seed 000 chapter 5; seed 003: retcode "0" is sent)',
    how: 'a CONNECT after a DISCONNECT throws away the messages still pending from the session before (an agent message not yet polled is lost)',
    handlers: wrap('send', (correct) => async (ctx) => {
      const u = customerOf(ctx);
      if ((ctx.body as SendBody).controlType === 'CONNECT' && u?.session?.state === 'ended') u.outbox = [];
      return correct(ctx);
    }),
  },
  'concurrent-sendmessage-lost-update': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'every agent message answered retcode "0" reaches its customer exactly once (seed 003 sendmessage; seed 000 chapter 5)',
    how: 'sendmessage reads the customer\'s pending messages, waits for the store, writes them back with its own: of two sends at once, the first is lost',
    handlers: wrap('sendMessage', (correct) => async (ctx) => {
      const call = ctx.store.calls.get((ctx.body as { callid: string }).callid);
      const u = call && ctx.store.users.get(call.userId);
      if (!u) return correct(ctx);
      const read = [...u.outbox];
      await slow();
      const before = u.outbox.length;
      const r = await correct(ctx);
      u.outbox = [...read, ...u.outbox.slice(before)];
      return r;
    }),
  },
  'concurrent-poll-duplicates': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'poll hands out each pending message once (seed 000 chapter 5; facts: messageCode unique per message)',
    how: 'poll reads the pending messages, waits for the store, then clears them: two polls of one customer at once both hand them out',
    handlers: wrap('poll', (correct) => async (ctx) => {
      const u = customerOf(ctx);
      if (!u) return correct(ctx);
      const read = [...u.outbox];
      await slow();
      const r = await correct(ctx);
      const taken = ((r.body as { downlinkMessages?: DownlinkMessage[] }).downlinkMessages ?? []).filter((m) => !read.includes(m));
      return ok(result('0', 'query user messages success.', { downlinkMessages: [...read, ...taken] }));
    }),
  },
  'robot-answers-after-transfer': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'once the session is transferred the robot no longer answers (seed 001: TRANS2AGENT "transfer from robot to agent")',
    how: 'a CHAT while queued or with the agent still gets a robot answer too',
    handlers: wrap('send', (correct) => async (ctx) => {
      const r = await correct(ctx);
      const b = ctx.body as SendBody;
      const u = customerOf(ctx);
      const s = u?.session;
      if (b.controlType !== 'CHAT' || !u || !s || (s.state !== 'queued' && s.state !== 'agent')) return r;
      const answer = robotAnswer(b.content);
      const interIdx = ctx.store.nextInterIdx();
      u.interIdx.add(interIdx);
      say(ctx.store, ctx.options, u, s, { sourceType: 'ROBOT', content: answer.content, interIdx, simQuestions: answer.simQuestions });
      return r;
    }),
  },
} satisfies Record<string, ExplorationMutation>;
