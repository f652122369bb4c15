// What every operation handler receives and returns, typed by operation from the spec's generated types: the body,
// query and path parameters a handler reads and every answer it gives are those the spec documents for its
// operationId, so a drift between mock and spec fails `tsc`. Handlers run after flow control, credentials and the
// spec's request rules have passed, so the body has the documented shape; they hold only the tenant's business rules.
import type { FastifyBaseLogger } from 'fastify';
import type { operations } from '../../src/contract/generated/openapi.js';
import type { AuthContext } from '../http/auth.js';
import type { StatusReply } from '../http/errors.js';
import type { ClientToken } from '../state/model.js';
import type { FaultSettings } from '../behaviour/options.js';
import type { Tenant } from '../state/tenant.js';

export type OperationId = keyof operations;
type Op<K extends OperationId> = operations[K];
type Or<T, D> = [T] extends [never] ? D : T;

/** The JSON request body of an operation (undefined when it takes none). */
export type RequestBody<K extends OperationId> = Op<K> extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
/** The query parameters of an operation. */
export type Query<K extends OperationId> = Or<NonNullable<Op<K>['parameters']['query']>, Record<string, never>>;
/** The path parameters of an operation. */
export type PathParams<K extends OperationId> = Or<NonNullable<Op<K>['parameters']['path']>, Record<string, never>>;

type Responses<K extends OperationId> = Op<K>['responses'];
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** Any answer the spec documents for the operation: a documented status with its body. */
export type Reply<K extends OperationId> = { [S in keyof Responses<K> & number]: StatusReply<S, JsonOf<Responses<K>[S]>> }[keyof Responses<K> & number];

export interface HandlerContext<K extends OperationId = OperationId> extends Tenant {
  operationId: K;
  /** The parsed JSON body, valid against the operation's request schema. */
  body: RequestBody<K>;
  query: Query<K>;
  params: PathParams<K>;
  headers: Record<string, unknown>;
  auth: AuthContext;
  /** The faults in force for this request: its client's (x-mock-client), else the process-wide ones. */
  faults: FaultSettings;
  log: FastifyBaseLogger;
}

export type Handler<K extends OperationId> = (ctx: HandlerContext<K>) => Reply<K> | Promise<Reply<K>>;

/** One handler per operationId of the spec. */
export type HandlerMap = { [K in OperationId]: Handler<K> };

/** The client token of an operation whose ccmessaging-token is mandatory (the pipeline guarantees it). */
export function clientOf<K extends OperationId>(ctx: HandlerContext<K>): ClientToken {
  if (!ctx.auth.client) throw new Error(`${ctx.operationId}: no ccmessaging-token passed authentication`);
  return ctx.auth.client;
}
