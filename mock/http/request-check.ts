// Checks a request against the spec through the contract layer and sorts what is wrong: a broken structure
// (unparsable JSON, a missing field, a wrong type, an undocumented property) or a broken value rule (enum, bounds,
// pattern, length, bytes). Which answer each gets is the pipeline's business (routes.ts).
import { operations } from '../../src/contract/contract.js';
import { parameterErrorCode } from '../../src/contract/spec.js';
import { validateParameters, validateRequestBody, type ContractError } from '../../src/contract/validators.js';

/** What the JSON body parser leaves in request.body when the body cannot be read as JSON. */
export class UnparsableBody {
  constructor(readonly reason: string) {}
}

export type ProblemKind = 'structure' | 'value';
export type Where = 'path' | 'query' | 'header' | 'body';

export interface RequestProblem {
  kind: ProblemKind;
  where: Where;
  errors: ContractError[];
}

/**
 * The result code an operation documents for a parameter error (derived from its x-result-codes): a value-rule
 * violation there answers HTTP 200 with this code instead of 400.
 */
export const PARAMETER_ERROR_CODES: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(
  [...operations().values()].flatMap((op) => {
    const code = parameterErrorCode(op);
    return code === undefined ? [] : [[op.operationId, code]];
  }),
));

const VALUE_KEYWORDS = new Set(['enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'pattern', 'format', 'minLength', 'maxLength', 'minItems', 'maxItems', 'x-max-bytes']);
/** Keywords that only wrap the errors of their subschemas. */
const WRAPPERS = new Set(['if', 'then', 'else']);
const ALTERNATIVES = new Set(['anyOf', 'oneOf']);

const within = (pointer: string, root: string): boolean => pointer === root || pointer.startsWith(`${root}/`);

/**
 * Structure unless every error is a value rule. A failed anyOf/oneOf counts as a value error when one of its
 * branches failed on a value rule (the value had the branch's shape), so `npsScore: 12` is a value error and
 * `npsScore: true` a structural one.
 */
export function classify(errors: readonly ContractError[]): ProblemKind {
  const groups = errors.filter((e) => ALTERNATIVES.has(e.keyword)).map((e) => e.pointer);
  const grouped = (e: ContractError): boolean => groups.some((g) => within(e.pointer, g));
  for (const g of groups) {
    const members = errors.filter((e) => within(e.pointer, g) && !ALTERNATIVES.has(e.keyword));
    if (!members.some((e) => VALUE_KEYWORDS.has(e.keyword))) return 'structure';
  }
  for (const e of errors) {
    if (grouped(e) || WRAPPERS.has(e.keyword)) continue;
    if (!VALUE_KEYWORDS.has(e.keyword)) return 'structure';
  }
  return 'value';
}

type Values = Record<string, string | undefined>;

/** Path parameters alone (the CC-Gateway answers a bad agentid before it looks at the Guid). */
export function checkPath(operationId: string, params: Values): RequestProblem | undefined {
  const r = validateParameters(operationId, { path: params });
  return r.valid ? undefined : { kind: classify(r.errors), where: 'path', errors: r.errors };
}

export interface RequestParts {
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  params: Record<string, string>;
  body: unknown;
}

/** Query, header and path parameters, then the body. */
export function checkRequest(operationId: string, parts: RequestParts): RequestProblem | undefined {
  const repeated = Object.entries(parts.query).filter(([, v]) => Array.isArray(v)).map(([k]) => k);
  if (repeated.length) {
    return { kind: 'structure', where: 'query', errors: repeated.map((k) => ({ pointer: `/query/${k}`, message: 'given more than once', expected: 'one value', actual: parts.query[k], keyword: 'type' })) };
  }
  const params = validateParameters(operationId, { query: strings(parts.query), header: strings(parts.headers), path: parts.params });
  if (!params.valid) {
    const where = params.errors[0].pointer.split('/')[1] as Where;
    return { kind: classify(params.errors), where, errors: params.errors };
  }
  if (parts.body instanceof UnparsableBody) {
    return { kind: 'structure', where: 'body', errors: [{ pointer: '', message: parts.body.reason, expected: 'a JSON body', actual: undefined, keyword: 'json' }] };
  }
  const body = validateRequestBody(operationId, parts.body);
  if (!body.valid) return { kind: classify(body.errors), where: 'body', errors: body.errors.map((e) => ({ ...e, pointer: `/body${e.pointer}` })) };
  return undefined;
}

function strings(values: Record<string, unknown>): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v;
  return out;
}
