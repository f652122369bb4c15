// One instance of the contract: the spec document (strict profile applied or not), its operations, its rules and
// its validators, built with explicit options as openapi-backend builds its instances. The composition root (the
// suite's worker fixture, the mock, a tool) creates one and makes it current with useContract(); the free functions
// of spec.ts and validators.ts read the current one. Nothing here reads the environment.
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { RuleBook } from './rules.js';
import { closeResponseSchemas, indexOperations, loadDocument, SPEC_PATH, valueAtPointer, type Document, type OperationInfo } from './spec.js';
import { cachedValidators, DEFAULT_VALIDATOR_CACHE, type Validators } from './validator-cache.js';
import { refTo, validatorSchemas } from './validator-schemas.js';

export interface ContractOptions {
  /** Close every response object schema (undocumented response fields then break the contract). */
  strict?: boolean;
  /** Another spec file (tests); the project's spec by default. */
  specPath?: string;
  /** The directory of the validator cache (validator-cache.ts), node_modules/.cache/cec-validators by default;
   *  false compiles in this process only. */
  validatorCache?: string | false;
}

export class Contract {
  readonly strict: boolean;
  readonly doc: Document;
  readonly operations: Map<string, OperationInfo>;
  private book?: RuleBook;
  private ajv?: { request: Ajv2020; response: Ajv2020 };
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly cacheDir: string | false;
  /** Every validator, from the cache (null: the cache could not be used). */
  private standalone?: Validators | null;

  constructor(options: ContractOptions = {}) {
    this.strict = options.strict ?? false;
    this.cacheDir = options.validatorCache ?? DEFAULT_VALIDATOR_CACHE;
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

  /** The validator of a schema (by JSON pointer into the spec), kept once made: from the validator cache when the
   *  key is one of validator-schemas.ts's (whose schema() it must be), else compiled on first use. Requests and
   *  responses use separate Ajv instances, so a response schema can never leak into request checks. */
  validator(direction: 'request' | 'response', key: string, schema: () => object): ValidateFunction {
    const cacheKey = `${direction}:${key}`;
    let fn = this.compiled.get(cacheKey);
    if (!fn) {
      fn = this.cached()?.[direction].get(key) ?? this.compile(direction, schema());
      this.compiled.set(cacheKey, fn);
    }
    return fn;
  }

  private cached(): Validators | undefined {
    if (this.standalone === undefined) {
      this.standalone = this.cacheDir === false ? null
        : cachedValidators(this.doc, validatorSchemas(this.operations.values()), this.cacheDir)?.validators ?? null;
    }
    return this.standalone ?? undefined;
  }

  private compile(direction: 'request' | 'response', schema: object): ValidateFunction {
    this.ajv ??= { request: createAjv(this.doc), response: createAjv(this.doc) };
    return this.ajv[direction].compile(schema);
  }

  /** `{ $ref }` to a place of this contract's document, for validator(). */
  static refTo(pointer: string): object {
    return refTo(pointer);
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
