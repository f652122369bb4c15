// One instance of the contract: the spec document (strict profile applied or not), its operations, its rules and
// its validators, built with explicit options as openapi-backend builds its instances. The composition root (the
// suite's worker fixture, the mock, a tool) creates one and makes it current with useContract(); the free functions
// of spec.ts and validators.ts read the current one. Nothing here reads the environment.
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv, SPEC_ID } from './ajv.js';
import { RuleBook } from './rules.js';
import { closeResponseSchemas, indexOperations, loadDocument, SPEC_PATH, valueAtPointer, type Document, type OperationInfo } from './spec.js';

export interface ContractOptions {
  /** Close every response object schema (undocumented response fields then break the contract). */
  strict?: boolean;
  /** Another spec file (tests); the project's spec by default. */
  specPath?: string;
}

export class Contract {
  readonly strict: boolean;
  readonly doc: Document;
  readonly operations: Map<string, OperationInfo>;
  private book?: RuleBook;
  private ajv?: { request: Ajv2020; response: Ajv2020 };
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(options: ContractOptions = {}) {
    this.strict = options.strict ?? false;
    const doc = loadDocument(options.specPath ?? SPEC_PATH);
    this.doc = this.strict ? closeResponseSchemas(doc) : doc;
    this.operations = indexOperations(this.doc);
  }

  operation(operationId: string): OperationInfo {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`Unknown operationId "${operationId}": the spec has ${[...this.operations.keys()].join(', ')}`);
    return op;
  }

  /** Every constraint's strength and source (built on first use). */
  get rules(): RuleBook {
    return (this.book ??= RuleBook.of(this.doc, this.operations));
  }

  /** The validator of a schema (by JSON pointer into the spec), compiled on first use and kept. Requests and
   *  responses use separate Ajv instances, so a response schema can never leak into request checks. */
  validator(direction: 'request' | 'response', key: string, schema: () => object): ValidateFunction {
    const cacheKey = `${direction}:${key}`;
    let fn = this.compiled.get(cacheKey);
    if (!fn) {
      this.ajv ??= { request: createAjv(this.doc), response: createAjv(this.doc) };
      fn = this.ajv[direction].compile(schema());
      this.compiled.set(cacheKey, fn);
    }
    return fn;
  }

  /** `{ $ref }` to a place of this contract's document, for validator(). */
  static refTo(pointer: string): object {
    return { $ref: `${SPEC_ID}#${pointer}` };
  }
}

let current: Contract | undefined;

/** The contract the free functions use (a default, non-strict one until useContract() says otherwise). */
export function contract(): Contract {
  return (current ??= new Contract());
}

/** Makes `c` the contract of this process (the suite's worker fixture does, with the run's strict setting). */
export function useContract(c: Contract): Contract {
  current = c;
  return c;
}

// Short forms over the current contract.

/** The spec document of the current contract (strict profile applied when it was built strict). */
export const specDocument = (): Document => contract().doc;
export const operations = (): Map<string, OperationInfo> => contract().operations;
export const operation = (operationId: string): OperationInfo => contract().operation(operationId);
/** The value at a JSON pointer of the current contract's document. */
export const specAt = (pointer: string): unknown => valueAtPointer(contract().doc, pointer);

/** A schema with its local $refs followed to the schema they name. */
export function followRefs<S extends { $ref?: unknown }>(schema: S | undefined): S | undefined {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === 'string' && i < 10; i++) s = specAt(s.$ref.slice(1)) as S | undefined;
  return s;
}
