// How the lenient tenant hands its messages out, each a lawful reading the documents leave open (seed 000 chapter 5:
// poll "receives channel messages"; nothing bounds how many per poll, how many downlinks one robot turn takes, or how
// soon a message is pending):
// - every message reaches the outbox LENIENT_REPLY_DELAY_MS later, one customer's messages in the order they were made;
// - a robot message of more than one sentence (the welcome, an answer) comes as two downlinks: the first carries the
//   turn's interIdx and simQuestions, the continuation comes LENIENT_PART_GAP_MS later with neither (interIdx is
//   absent from the documented poll example, E6), each with a messageCode of its own;
// - one poll hands out at most LENIENT_POLL_PAGE messages; the rest stay pending for the next poll.
// A client that takes "the next robot message" for the answer to its question, or one poll for everything pending,
// misreads this tenant; the suite must not.
import type { DownlinkMessage } from '../../state/downlink.js';
import type { DeliveryHooks } from '../hooks.js';
import type { UserState } from '../../state/model.js';
import type { MockStore } from '../../state/store.js';

/** Every robot, agent and system message reaches the outbox this much later (well within the reply deadline). */
export const LENIENT_REPLY_DELAY_MS = 300;
/** The continuation of a robot message follows its first part this much later. */
export const LENIENT_PART_GAP_MS = 150;
/** Messages one poll hands out at most. */
export const LENIENT_POLL_PAGE = 2;

/** When each customer's last message reaches its outbox (ms, the store's clock): later ones never overtake it. */
const lastDue = new WeakMap<UserState, number>();
/** Each customer's messages on their way to the outbox, in the order they were made. */
const onTheWay = new WeakMap<UserState, DownlinkMessage[]>();

/** The text in two parts at its first sentence end, or undefined when it has one sentence. */
export function splitSentences(text: string): [string, string] | undefined {
  const m = /^(.+?[.!?])\s+(\S.*)$/s.exec(text);
  return m ? [m[1], m[2]] : undefined;
}

/** A robot message as the downlinks it comes in: one, or the first part and its continuation. */
export function robotParts(store: MockStore, msg: DownlinkMessage): DownlinkMessage[] {
  const parts = msg.sourceType === 'ROBOT' ? splitSentences(msg.content) : undefined;
  if (!parts) return [msg];
  const { interIdx: _interIdx, ...rest } = msg;
  return [{ ...msg, content: parts[0] }, { ...rest, content: parts[1], simQuestions: null, messageCode: store.ids.uuid() }];
}

function schedule(store: MockStore, user: UserState, msg: DownlinkMessage, earliest: number): number {
  const due = Math.max(earliest, (lastDue.get(user) ?? 0) + 1);
  lastDue.set(user, due);
  const queue = onTheWay.get(user) ?? [];
  onTheWay.set(user, queue);
  queue.push(msg);
  // Timers a millisecond apart may fire in either order (a timer's start is the event loop's clock, its due the
  // store's): the one that fires hands out every message made before its own too, so none overtakes another.
  store.later(due - store.now, () => {
    const i = queue.indexOf(msg);
    for (const m of i < 0 ? [] : queue.splice(0, i + 1)) store.pushOutbox(user, m);
  });
  return due;
}

export const LENIENT_DELIVERY: Partial<DeliveryHooks> = {
  deliver: (store: MockStore, user: UserState, msg: DownlinkMessage): Array<[UserState, DownlinkMessage]> => {
    let due = store.now + LENIENT_REPLY_DELAY_MS;
    for (const [i, part] of robotParts(store, msg).entries()) due = schedule(store, user, part, i === 0 ? due : due + LENIENT_PART_GAP_MS);
    return [];
  },
  page: () => LENIENT_POLL_PAGE,
};
