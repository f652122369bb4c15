// The spec's operations as TypeScript types, from the generated src/contract/generated/openapi.d.ts: one
// OperationId for the whole project, and per operation its request body, query and path parameters, and the JSON
// body of each documented status. Drift between code and spec then fails `tsc`.
import type { operations as Operations } from './generated/openapi.js';

export type { Operations };
export type OperationId = keyof Operations;

type Op<K extends OperationId> = Operations[K];

/** The JSON request body of an operation (never when it has none). */
export type RequestBody<K extends OperationId> = Op<K> extends { requestBody: { content: { 'application/json': infer B } } } ? B
  : Op<K> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
export type QueryOf<K extends OperationId> = NonNullable<Op<K>['parameters']['query']>;
export type PathOf<K extends OperationId> = NonNullable<Op<K>['parameters']['path']>;

/** The statuses an operation documents. */
export type StatusOf<K extends OperationId> = keyof Op<K>['responses'] & number;

/** The JSON body an operation documents for a status (200 by default). */
export type ResponseBody<K extends OperationId, S extends StatusOf<K> = 200 & StatusOf<K>> =
  Op<K>['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
