// Isolation between customers.
import type { HandlerContext, OperationId } from '../../../mock/handlers/types.js';
import type { DownlinkMessage } from '../../../mock/state/downlink.js';
import type { UserState } from '../../../mock/state/model.js';
import type { Mutation } from '../types.js';

/** Runs the correct handler with another ccmessaging-token user. */
const asUser = <K extends OperationId>(ctx: HandlerContext<K>, userId: string): HandlerContext<K> => ({ ...ctx, auth: { ...ctx.auth, client: { ...ctx.auth.client!, userId } } });

export const ISOLATION_MUTANTS = {
  'poll-by-receiverid': {
    area: 'isolation', seam: 'handler',
    rule: 'poll returns the messages of the token\'s user only (seed 000 chapter 5)',
    how: 'poll hands out the messages of whatever receiverId names',
    handlers: {
      poll: (correct) => (ctx) => (ctx.query.receiverId ? correct(asUser(ctx, ctx.query.receiverId)) : correct(ctx)),
    },
  },
  'download-any-owner': {
    area: 'isolation', seam: 'handler', strength: 'guidance',
    rule: 'a customer downloads only files of their own session (facts, downloadFileStream: "401" not authorised for the file)',
    how: 'downloadFileStream serves any customer\'s file to whoever asks',
    calls: 'refused',
    handlers: {
      downloadFileStream: (correct) => (ctx) => {
        const owner = ctx.store.files.get(ctx.body.fileId.replace(/^local\//, ''))?.owner;
        return correct(owner ? asUser(ctx, owner) : ctx);
      },
    },
  },
  'send-as-from': {
    area: 'isolation', seam: 'handler',
    rule: 'send acts for the ccmessaging-token\'s user (seed 000 chapter 7: from is the customer\'s user ID)',
    how: 'send acts as whichever user `from` names',
    calls: 'refused',
    handlers: {
      send: (correct) => (ctx) => correct(asUser(ctx, ctx.body.from)),
    },
  },
  'broadcast-robot-messages': {
    area: 'isolation', seam: 'delivery',
    rule: 'poll returns the pending messages of the user (seed 000 chapter 5), no one else\'s',
    how: 'every robot message is also queued for every other customer in a session',
    // Robot messages are delivered when a customer sends (CONNECT's welcome, a CHAT's answer).
    operations: ['send'],
    deliver: (store, user, msg) => {
      const out: Array<[UserState, DownlinkMessage]> = [[user, msg]];
      if (msg.sourceType !== 'ROBOT') return out;
      for (const other of store.users.values()) {
        if (other !== user && other.session && other.session.state !== 'ended') out.push([other, msg]);
      }
      return out;
    },
  },
} satisfies Record<string, Mutation>;
