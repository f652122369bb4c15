// Two extension points that act deep inside the tenant rather than around an operation: what a message to a
// customer becomes and what a poll hands out (delivery), and how long a token lives and whether it still works
// (tokens). The defaults here are the documented behaviour; buildApp takes replacements (extensions.ts).
import type { DownlinkMessage } from '../state/downlink.js';
import type { ClientToken, FabricToken, TokenKind, UserState } from '../state/model.js';
import type { FaultSettings } from './options.js';
import type { MockStore } from '../state/store.js';

export interface DeliveryHooks {
  /** The (user, message) pairs a message to `user` really becomes. Default: exactly that one. */
  deliver(store: MockStore, user: UserState, msg: DownlinkMessage): Array<[UserState, DownlinkMessage]>;
  /** What a poll hands out, given the page of pending messages oldest first (the page leaves the outbox either way).
   *  Default: all of them, in order. */
  take(user: UserState, pending: DownlinkMessage[]): DownlinkMessage[];
  /** How many of the pending messages (oldest first) one poll takes; the rest stay pending for the next poll. No
   *  document bounds how many messages one poll answers (seed 000 chapter 5). Default: all of them. */
  page(user: UserState, pending: readonly DownlinkMessage[]): number;
}

export interface TokenHooks {
  /** The lifetime tokenByAkSk announces (Expires, seconds) for the X-Token-Expire asked for (undefined: absent).
   *  Default: what was asked for, else the document's 600. */
  expiresS(requestedS: number | undefined): number;
  /** The real lifetime in ms of a token about to be issued that announces `announcedS`, under the faults of the
   *  client that asked. Default: the announced one, capped by the tokenTtlS fault. */
  lifetimeMs(kind: TokenKind, announcedS: number, faults: FaultSettings): number;
  /** Whether a stored token still works at `now`. Default: until its expiry. */
  valid(kind: TokenKind, token: FabricToken | ClientToken, now: number): boolean;
}

/** The document's example lifetime, used when X-Token-Expire is absent. */
export const DEFAULT_EXPIRE_S = 600;

export const DEFAULT_DELIVERY: Readonly<DeliveryHooks> = Object.freeze({
  deliver: (_store: MockStore, user: UserState, msg: DownlinkMessage): Array<[UserState, DownlinkMessage]> => [[user, msg]],
  take: (_user: UserState, pending: DownlinkMessage[]) => pending,
  page: (_user: UserState, pending: readonly DownlinkMessage[]) => pending.length,
});

export const DEFAULT_TOKEN_HOOKS: Readonly<TokenHooks> = Object.freeze({
  expiresS: (requestedS: number | undefined) => requestedS ?? DEFAULT_EXPIRE_S,
  lifetimeMs: (_kind: TokenKind, announcedS: number, faults: FaultSettings) =>
    (faults.tokenTtlS > 0 ? Math.min(announcedS, faults.tokenTtlS) : announcedS) * 1000,
  valid: (_kind: TokenKind, token: FabricToken | ClientToken, now: number) => now < token.expiresAt,
});
