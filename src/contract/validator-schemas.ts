// The schema of every validator the contract uses, named as Contract.validator() keys them: one place that says what
// a body, a response or a parameter validator checks, read by validators.ts (one at a time) and by the validator
// cache (all at once).
import { SPEC_ID } from './ajv.js';
import type { OperationInfo } from './spec.js';

export type Direction = 'request' | 'response';
export type ParameterPlace = 'query' | 'header' | 'path';
export const PARAMETER_PLACES: readonly ParameterPlace[] = ['query', 'header', 'path'];

export interface ValidatorSchema {
  direction: Direction;
  /** The key within its direction: `<operationId>:body`, `<operationId>:<status>` or `<operationId>:<place>`. */
  key: string;
  schema: object;
}

/** `{ $ref }` to a place of the spec document. */
export const refTo = (pointer: string): object => ({ $ref: `${SPEC_ID}#${pointer}` });

/** The object of an operation's parameters in one place (undefined when it has none there). */
export function parameterSchema(op: OperationInfo, where: ParameterPlace): object | undefined {
  const params = op.parameters.filter((p) => p.in === where);
  if (!params.length) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, refTo(p.schemaPointer)])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

/** The validators of the bodies: each request body, and each documented status's response body. */
export function bodyValidatorSchemas(operations: Iterable<OperationInfo>): ValidatorSchema[] {
  const out: ValidatorSchema[] = [];
  for (const op of operations) {
    if (op.requestSchemaPointer) out.push({ direction: 'request', key: `${op.operationId}:body`, schema: refTo(op.requestSchemaPointer) });
    for (const [status, pointer] of Object.entries(op.responseSchemaPointers)) {
      if (pointer) out.push({ direction: 'response', key: `${op.operationId}:${status}`, schema: refTo(pointer) });
    }
  }
  return out;
}

/** Every validator: the bodies', and the parameters' of each place an operation has parameters in. */
export function validatorSchemas(operations: Iterable<OperationInfo>): ValidatorSchema[] {
  const ops = [...operations];
  const params = ops.flatMap((op) => PARAMETER_PLACES.flatMap((where) => {
    const schema = parameterSchema(op, where);
    return schema ? [{ direction: 'request' as const, key: `${op.operationId}:${where}`, schema }] : [];
  }));
  return [...bodyValidatorSchemas(ops), ...params];
}
