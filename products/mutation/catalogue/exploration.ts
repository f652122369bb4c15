// Mutants only an order of steps or two requests at once can show (issue 14). No fixed journey of the suite takes
// these orders; the model-based exploration (`npm run explore`, products/explore/) does. Each is one handler
// wrapper, like any handler mutant, and declares `killedBy: 'exploration'`: `npm run mutation` runs a bounded
// exploration against it instead of the suite (runner.ts): killed when the exploration fails; a guidance mutant (its
// rule is a choice of the spec) is explored strict and counts as warned when its surprise stops the run.
//
// The concurrency mutants are the classic lost update: a read of the customer's pending messages, a slow store round
// trip (SLOW_MS), then a write of what was read. One request alone is never hurt; two of one customer at once are.
import type { DownlinkMessage } from '../../../mock/state/downlink.js';
import { ok, result } from '../../../mock/http/errors.js';
import type { HandlerContext, OperationId } from '../../../mock/handlers/types.js';
import type { Session, UserState } from '../../../mock/state/model.js';
import { robotAnswer } from '../../../mock/behaviour/robot.js';
import { say } from '../../../mock/state/session-machine.js';
import type { Tenant } from '../../../mock/state/tenant.js';
import type { HandlerWrappers, Mutation } from '../types.js';

/** The store round trip of the lost-update mutants: wide enough that two requests sent together both fall in it. */
const SLOW_MS = 40;
export const slow = (): Promise<void> => new Promise((r) => setTimeout(r, SLOW_MS));

/** The user of the request's ccmessaging-token, if the tenant knows it. */
export const customerOf = <K extends OperationId>(ctx: HandlerContext<K>): UserState | undefined =>
  ctx.auth.client ? ctx.store.findUser(ctx.auth.client.userId) : undefined;

/** The agent takes session `s` of user `u` under `callId`, as the mock's own pickup does (the call recorded). */
function agentTakes(t: Tenant, u: UserState, s: Session, agentId: string, callId: string): Session {
  const taken: Session = { ...s, state: 'agent', agentId, callId };
  u.session = taken;
  t.store.calls.set(callId, { callId, userId: u.userId, agentId });
  return taken;
}

/**
 * A sendmessage with a lost update: it reads the pending messages of the call's customer, waits for the store, runs
 * the correct handler, then writes back `write(read, waited, now)`: what it read, what was there after the wait, and
 * what is there now. One send alone is never hurt; two at once are.
 */
const racySendMessage = (write: (read: DownlinkMessage[], waited: DownlinkMessage[], now: DownlinkMessage[]) => DownlinkMessage[]): NonNullable<HandlerWrappers['sendMessage']> =>
  (correct) => async (ctx) => {
    const call = ctx.store.calls.get(ctx.body.callid);
    const u = call && ctx.store.findUser(call.userId);
    if (!u) return correct(ctx);
    const read = [...u.outbox];
    await slow();
    const waited = [...u.outbox];
    const r = await correct(ctx);
    u.outbox = write(read, waited, u.outbox);
    return r;
  };

export const EXPLORATION_MUTANTS = {
  'reconnect-resumes-ended-call': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'nothing of a call the customer ended reaches a later session (spec choice: no document says what may arrive after a DISCONNECT)',
    strength: 'guidance',
    how: 'a CONNECT after a DISCONNECT of an agent call resumes that call: the agent\'s messages to the ended call reach the new session',
    handlers: {
      send: (correct) => async (ctx) => {
        const old = customerOf(ctx)?.session;
        const r = await correct(ctx);
        const u = customerOf(ctx);
        const s = u?.session;
        if (ctx.body.controlType !== 'CONNECT' || !u || !s || !old || s.id === old.id || old.state !== 'ended' || !old.callId || !old.agentId) return r;
        agentTakes(ctx, u, s, old.agentId, old.callId);
        return r;
      },
    },
  },
  'pickup-after-disconnect': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'a DISCONNECT while queued ends the session: no agent takes it afterwards (spec choice: no document says what may arrive after a DISCONNECT)',
    strength: 'guidance',
    how: 'a DISCONNECT while queued leaves the call in the agent queue: the agent\'s pickup delivers "Connected Agent" into the ended session',
    handlers: {
      send: (correct) => async (ctx) => {
        const u = customerOf(ctx);
        const queued = ctx.body.controlType === 'DISCONNECT' && u?.session?.state === 'queued';
        const r = await correct(ctx);
        const ended = u?.session;
        if (!queued || !u || !ended) return r;
        ctx.store.later(ctx.options.agentDelayMs, () => {
          if (u.session?.id !== ended.id || u.session.state !== 'ended') return;
          const taken = agentTakes(ctx, u, ended, ctx.options.credentials.agentId, `${Math.floor(ctx.store.now / 1000)}-${ctx.store.ids.digits(8)}`);
          say(ctx, u, taken, { sourceType: 'SYSTEM', content: 'Connected Agent' });
        });
        return r;
      },
    },
  },
  'connect-drops-pending': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'poll hands out every pending message, the last session\'s too (seed 000 chapter 5; seed 003: retcode "0" is sent)',
    how: 'a CONNECT after a DISCONNECT throws away the messages still pending from the session before (an agent message not yet polled is lost)',
    handlers: {
      send: (correct) => (ctx) => {
        const u = customerOf(ctx);
        if (ctx.body.controlType === 'CONNECT' && u?.session?.state === 'ended') ctx.store.takeOutbox(u);
        return correct(ctx);
      },
    },
  },
  'disconnect-drops-pending': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'a message the agent sent with retcode "0" while the call was live reaches the customer (seed 003: the channel "sends the message content to Internet users", obtained "in polling mode")',
    how: 'a DISCONNECT throws away the messages still pending (an agent message not yet polled is lost)',
    handlers: {
      send: (correct) => (ctx) => {
        const u = customerOf(ctx);
        if (ctx.body.controlType === 'DISCONNECT' && u) ctx.store.takeOutbox(u);
        return correct(ctx);
      },
    },
  },
  'concurrent-sendmessage-lost-update': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'every agent message answered retcode "0" reaches its customer exactly once (seed 003 sendmessage; seed 000 chapter 5)',
    how: 'sendmessage reads the customer\'s pending messages, waits for the store, writes them back with its own: of two sends at once, the first is lost',
    handlers: {
      // What was read before the wait, then what the send added.
      sendMessage: racySendMessage((read, waited, now) => [...read, ...now.slice(waited.length)]),
    },
  },
  'concurrent-poll-duplicates': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'poll hands out each pending message once (seed 000 chapter 5; facts: messageCode unique per message)',
    how: 'poll reads the pending messages, waits for the store, then clears them: two polls of one customer at once both hand them out',
    handlers: {
      poll: (correct) => async (ctx) => {
        const u = customerOf(ctx);
        if (!u) return correct(ctx);
        const read: DownlinkMessage[] = [...u.outbox];
        await slow();
        const r = await correct(ctx);
        if (r.status !== 200 || !('downlinkMessages' in r.body)) return r;
        const taken = r.body.downlinkMessages.filter((m) => !read.includes(m));
        return ok(result('0', 'query user messages success.', { downlinkMessages: [...read, ...taken] }));
      },
    },
  },
  'concurrent-sendmessage-duplicates': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'each message reaches the customer once (seed 003: the channel "sends the message content to Internet users"; facts: messageCode unique per message)',
    how: 'sendmessage reads the customer\'s pending messages, waits for the store, and writes back what arrived meanwhile after its own: of two sends at once, one arrives twice',
    handlers: {
      // All there is now, then again what arrived during the wait.
      sendMessage: racySendMessage((read, waited, now) => [...now, ...waited.filter((m) => !read.includes(m))]),
    },
  },
  'robot-answers-after-transfer': {
    area: 'delivery', seam: 'handler', killedBy: 'exploration',
    rule: 'once the session is transferred the robot no longer answers (spec choice: seed 001 answers "transfer from robot to agent success", nothing of the robot afterwards)',
    strength: 'guidance',
    how: 'a CHAT while queued or with the agent still gets a robot answer too',
    handlers: {
      send: (correct) => async (ctx) => {
        const r = await correct(ctx);
        const u = customerOf(ctx);
        const s = u?.session;
        if (ctx.body.controlType !== 'CHAT' || !u || !s || (s.state !== 'queued' && s.state !== 'agent')) return r;
        const answer = robotAnswer(ctx.body.content);
        const interIdx = ctx.store.nextInterIdx();
        u.interIdx.add(interIdx);
        say(ctx, u, s, { sourceType: 'ROBOT', content: answer.content, interIdx, simQuestions: answer.simQuestions });
        return r;
      },
    },
  },
} satisfies Record<string, Mutation>;
