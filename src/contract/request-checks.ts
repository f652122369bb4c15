// The checks every request meets, whoever sends it: the documented method, the mandatory credentials, the
// parameters and the body by the operation's schema. Each check that does not hold is an observation of the rule it
// breaks, with that rule's strength (refuse → fail, guidance → warn), like the answer checks
// (answer-checks.ts). Used where a client's traffic is judged (products/traffic/).
import { rootErrors } from './answer-checks.js';
import type { Contract } from './contract.js';
import { signatureOf, verdictOf, type Observation } from './findings.js';
import { describeRule, type Rule } from './rules.js';
import { headerOf } from './schemes.js';
import type { OperationInfo } from './spec.js';
import { validateParameters, validateRequestBody, type ContractError } from './validators.js';

/** The kind of check a request fails: the client broke the rule. */
export const REQUEST_CHECK = 'request' as const;

/** A request as the checks read it (header names in lower case). */
export interface SentRequest {
  operationId: string;
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  pathParams: Record<string, string>;
  /** undefined: no body. */
  bodyText?: string;
  /** The body is cut or missing in the file: not checked. */
  bodyIncomplete?: boolean;
}

type RuleLike = Pick<Rule, 'operationId' | 'at' | 'keyword' | 'strength' | 'source'> & Partial<Pick<Rule, 'why' | 'value'>>;

const cut = (s: string, limit = 120): string => (s.length > limit ? `${s.slice(0, limit)}…` : s);

function observe(rule: RuleLike, at: string, words: string, message: string, strict: boolean): Observation {
  const o = { operationId: rule.operationId, check: REQUEST_CHECK, at, keyword: rule.keyword, rule: `request: ${words}`, source: rule.source, ...(rule.why ? { why: rule.why } : {}), strength: rule.strength, message };
  return { ...o, verdict: verdictOf(rule.strength, strict), signature: signatureOf(o) };
}

/** The mandatory credentials are there. A masked value (***) is there: masking is not withholding. */
function credentialChecks(c: Contract, op: OperationInfo, r: SentRequest, strict: boolean): Observation[] {
  return op.mandatorySchemes.flatMap((scheme) => {
    const header = headerOf(c.doc, scheme);
    const bearer = header.toLowerCase() === 'authorization';
    const value = r.headers[header.toLowerCase()]?.trim() ?? '';
    if (bearer ? /^Bearer\s+\S/i.test(value) : value !== '') return [];
    const rule = c.rules.ruleAt(op.operationId, 'request', undefined, `/credential/${scheme}`, 'required');
    if (!rule) return [];
    const message = value ? `${header} is "${value.split(/\s/)[0]} …", not "Bearer <AccessToken>"` : `the request carries no ${header} header`;
    return [observe(rule, rule.at, describeRule(rule), message, strict)];
  });
}

/** One validation error (pointer already prefixed with /body, /query, …) as the observation of the rule it breaks. */
function fromError(c: Contract, op: OperationInfo, e: ContractError, strict: boolean): Observation {
  const rule: RuleLike = c.rules.ruleAt(op.operationId, 'request', undefined, e.pointer, e.keyword)
    ?? { operationId: op.operationId, at: e.pointer, keyword: e.keyword, strength: 'refuse', source: `${op.operationId}'s request table` };
  const pattern = e.pointer.replace(/\/[0-9]+(?=\/|$)/g, '/*');
  if (e.keyword === 'additionalProperties') {
    // One finding per undocumented field: each is a change of its own in the client.
    const field = pattern.slice(pattern.lastIndexOf('/') + 1);
    return observe(rule, pattern, describeRule(rule), `the request carries "${field}", which the documents do not list`, strict);
  }
  if (e.keyword === 'requestBody') {
    // No body where the operation requires one: the body's own rule (the node as a whole), said as "mandatory".
    const required = { ...rule, keyword: 'required' };
    return observe(required, '/body', describeRule(required), 'the request has no body', strict);
  }
  const sent = e.actual === undefined ? '' : ` (sent ${cut(JSON.stringify(e.actual))})`;
  return observe(rule, rule.at, describeRule(rule), `${e.message}${sent}`, strict);
}

function bodyChecks(c: Contract, op: OperationInfo, r: SentRequest, strict: boolean): Observation[] {
  if (!op.requestSchemaPointer || r.bodyIncomplete) return [];
  let body: unknown;
  if (r.bodyText !== undefined && r.bodyText.trim() !== '') {
    try {
      body = JSON.parse(r.bodyText);
    } catch (e) {
      const x = c.rules.exchangeRule('request-json', op);
      const rule = { ...x, operationId: op.operationId, at: '/body', keyword: 'json' };
      return [observe(rule, '/body', 'the request body is JSON', `the body does not parse (${(e as Error).message}): ${cut(r.bodyText, 60)}`, strict)];
    }
  }
  const result = validateRequestBody(op.operationId, body, c);
  return rootErrors(result.errors).map((e) => fromError(c, op, { ...e, pointer: `/body${e.pointer}` }, strict));
}

/** Every check of one request; [] when all hold. */
export function checkRequest(c: Contract, r: SentRequest, options: { strict: boolean }): Observation[] {
  const op = c.operation(r.operationId);
  if (r.method.toLowerCase() !== op.method) {
    const x = c.rules.exchangeRule('method', op);
    const rule = { ...x, operationId: op.operationId, at: '/method', keyword: 'method' };
    return [observe(rule, '/method', `${op.operationId} is called with ${op.method.toUpperCase()}`, `sent with ${r.method.toUpperCase()}`, options.strict)];
  }
  const params = validateParameters(op.operationId, { query: r.query, header: r.headers, path: r.pathParams }, c);
  return [
    ...credentialChecks(c, op, r, options.strict),
    ...rootErrors(params.errors).map((e) => fromError(c, op, e, options.strict)),
    ...bodyChecks(c, op, r, options.strict),
  ];
}
