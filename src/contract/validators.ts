// Validation against the current contract (contract.ts): one validator per (operationId, status, direction),
// loaded from the validator cache or compiled on first use, and kept by the Contract instance.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Contract, contract } from './contract.js';
import { valueAtPointer, type OperationInfo } from './spec.js';
import { bodyValidatorSchemas, parameterSchema, PARAMETER_PLACES, refTo, type Direction } from './validator-schemas.js';

export type { Direction };

export interface ContractError {
  /** JSON pointer into the validated value ('' is the whole value). */
  pointer: string;
  message: string;
  /** What the schema wanted (the failing keyword's parameter or schema). */
  expected: unknown;
  /** The value found at the pointer (undefined when absent). */
  actual: unknown;
  keyword: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ContractError[];
}

function compiled(direction: Direction, key: string, build: () => object, c: Contract = contract()): ValidateFunction {
  return c.validator(direction, key, build);
}

function expectedOf(e: ErrorObject): unknown {
  switch (e.keyword) {
    case 'required': return `property "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties': return `no property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'type': return (e.params as { type: unknown }).type;
    case 'enum': return (e.params as { allowedValues: unknown }).allowedValues;
    case 'const': return (e.params as { allowedValue: unknown }).allowedValue;
    default: return e.params && Object.keys(e.params).length ? e.params : e.schema;
  }
}

function toErrors(fn: ValidateFunction, data: unknown): ContractError[] {
  return (fn.errors ?? []).map((e) => {
    const pointer = e.keyword === 'required'
      ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`
      : e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
        : e.instancePath;
    return { pointer, message: e.message ?? e.keyword, expected: expectedOf(e), actual: valueAtPointer(data, pointer), keyword: e.keyword };
  });
}

function run(fn: ValidateFunction, data: unknown): ValidationResult {
  const valid = fn(data) as boolean;
  return { valid, errors: valid ? [] : toErrors(fn, data) };
}

/** The request body of an operation. */
export function validateRequestBody(operationId: string, body: unknown, c: Contract = contract()): ValidationResult {
  const op = c.operation(operationId);
  if (!op.requestSchemaPointer) {
    return body === undefined ? { valid: true, errors: [] }
      : { valid: false, errors: [{ pointer: '', message: 'the operation documents no request body', expected: undefined, actual: body, keyword: 'requestBody' }] };
  }
  if (body === undefined) {
    return op.requestBodyRequired ? { valid: false, errors: [{ pointer: '', message: 'request body is required', expected: 'a JSON body', actual: undefined, keyword: 'requestBody' }] } : { valid: true, errors: [] };
  }
  return run(compiled('request', `${operationId}:body`, () => refTo(op.requestSchemaPointer!), c), body);
}

/** The response body of an operation for one status; statuses the operation does not document fail. */
export function validateResponseBody(operationId: string, status: number | string, body: unknown, c: Contract = contract()): ValidationResult {
  const op = c.operation(operationId);
  const key = String(status);
  if (!op.statuses.includes(key)) {
    return { valid: false, errors: [{ pointer: '', message: `status ${key} is not documented for ${operationId}`, expected: op.statuses, actual: Number(key), keyword: 'status' }] };
  }
  const pointer = op.responseSchemaPointers[key];
  if (!pointer) return { valid: true, errors: [] };
  return run(compiled('response', `${operationId}:${key}`, () => refTo(pointer), c), body);
}

/**
 * Query, header and path parameters of a request. Header and query values arrive as strings; a parameter whose
 * schema is an integer is read as one (OpenAPI's simple style), nothing else is converted.
 */
export function validateParameters(operationId: string, values: Partial<Record<'query' | 'header' | 'path', Record<string, string | undefined>>>, c: Contract = contract()): ValidationResult {
  const op = c.operation(operationId);
  const errors: ContractError[] = [];
  for (const where of PARAMETER_PLACES) {
    const params = op.parameters.filter((p) => p.in === where);
    if (!params.length) continue;
    const given = values[where] ?? {};
    const lookup = (name: string): string | undefined =>
      where === 'header' ? Object.entries(given).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] : given[name];
    const data: Record<string, unknown> = {};
    for (const p of params) {
      const raw = lookup(p.name);
      if (raw === undefined) continue;
      data[p.name] = /^-?[0-9]+$/.test(raw) && integerParam(c, op, p.name) ? Number(raw) : raw;
    }
    const fn = compiled('request', `${operationId}:${where}`, () => parameterSchema(op, where)!, c);
    errors.push(...run(fn, data).errors.map((e) => ({ ...e, pointer: `/${where}${e.pointer}` })));
  }
  return { valid: errors.length === 0, errors };
}

function integerParam(c: Contract, op: OperationInfo, name: string): boolean {
  const p = op.parameters.find((x) => x.name === name);
  if (!p) return false;
  const type = (valueAtPointer(c.doc, p.schemaPointer) as { type?: unknown } | undefined)?.type;
  return type === 'integer' || (Array.isArray(type) && type.includes('integer'));
}

/** Makes every body validator now (e.g. at worker start), so no test pays for compilation and spec errors surface at once. */
export function compileAll(c: Contract = contract()): number {
  const schemas = bodyValidatorSchemas(c.operations.values());
  for (const { direction, key, schema } of schemas) compiled(direction, key, () => schema, c);
  return schemas.length;
}
