// What every operation handler receives and returns. Handlers run after flow control, credentials and the spec's
// request rules have passed, so the body has the documented shape; they hold only the tenant's business rules.
import type { FastifyBaseLogger } from 'fastify';
import type { AuthContext } from '../auth.js';
import type { Reply } from '../errors.js';
import type { MockOptions } from '../options.js';
import type { ClientToken, MockStore } from '../store.js';

export interface HandlerContext {
  operationId: string;
  /** The parsed JSON body, valid against the operation's request schema (undefined when there is none). */
  body: unknown;
  query: Record<string, string | undefined>;
  params: Record<string, string>;
  headers: Record<string, unknown>;
  auth: AuthContext;
  store: MockStore;
  /** The live options: handlers read behaviour switches from here (the seam for deliberate defects). */
  options: MockOptions;
  log: FastifyBaseLogger;
}

export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

/** The client token of an operation whose ccmessaging-token is mandatory (the pipeline guarantees it). */
export function clientOf(ctx: HandlerContext): ClientToken {
  if (!ctx.auth.client) throw new Error(`${ctx.operationId}: no ccmessaging-token passed authentication`);
  return ctx.auth.client;
}

/** A {resultCode, resultDesc} answer. */
export const result = (resultCode: string, resultDesc: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ resultCode, resultDesc, ...extra });
