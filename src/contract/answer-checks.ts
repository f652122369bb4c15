// The checks every answer meets, whoever asked (Schemathesis's default checks, for this API): not a server error,
// a documented status, JSON where a body is documented, within the read limit, and the operation's schema. Each
// check that does not hold is an observation with the strength of the rule it breaks; a test adds only its own
// business rule on top.
import type { Contract } from './contract.js';
import { signatureOf, verdictOf, type CheckKind, type Observation } from './findings.js';
import { describeRule, exchangeRuleId, type ExchangeRule, type Rule } from './rules.js';
import type { OperationInfo } from './spec.js';
import { validateResponseBody, type ContractError } from './validators.js';

/** What the checks need of an answer. */
export interface Answer {
  operationId: string;
  method: string;
  /** The URL as it may be shown (masked). */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The body as text (possibly cut), and its full size in bytes. */
  bodyText: string;
  bodyBytes: number;
}

export interface CheckOptions {
  /** Warnings become failures. */
  strict: boolean;
  /** Answers larger than this are not parsed or validated: one "too large" observation. */
  maxBytes: number;
}

export const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

const cut = (text: string, limit = 120): string => (text.length > limit ? `${text.slice(0, limit)}…` : text);
const show = (v: unknown): string => (v === undefined ? 'absent' : cut(JSON.stringify(v)));

function fromExchangeRule(op: OperationInfo, check: CheckKind, r: ExchangeRule, rule: string, message: string, a: Answer, strict: boolean, signatureTail?: string, name: string = check): Observation {
  const o = { operationId: op.operationId, check, rule, source: r.source, ...(r.why ? { why: r.why } : {}), strength: r.strength, message };
  return { ...o, ruleId: exchangeRuleId(op.operationId, name), verdict: verdictOf(r.strength, strict), signature: signatureOf({ ...o, rule: signatureTail ?? rule }), exchange: { method: a.method, url: a.url, status: a.status } };
}

/** Errors inside an anyOf/oneOf that failed as a whole are its branches' noise: the alternative is the rule. */
export function rootErrors(errors: readonly ContractError[]): ContractError[] {
  const groups = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.pointer);
  const inside = (p: string, g: string): boolean => p === g || p.startsWith(`${g}/`);
  return errors.filter((e) => {
    if (['if', 'then', 'else'].includes(e.keyword)) return false;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') return !groups.some((g) => g !== e.pointer && inside(e.pointer, g));
    return !groups.some((g) => inside(e.pointer, g));
  });
}

/** The rule a response schema error broke (a null where an optional value is typed is the null-optional rule). */
export function ruleOfResponseError(c: Contract, op: OperationInfo, status: string, e: ContractError): Rule | (ExchangeRule & { id: string; ruleId: string; keyword: string; at: string }) {
  const at = `/body${e.pointer}`;
  const rule = c.rules.ruleAt(op.operationId, 'response', status, at, e.keyword);
  if (e.keyword === 'type' && e.actual === null) {
    const pattern = at.replace(/\/[0-9]+(?=\/|$)/g, '/*');
    const required = c.rules.ruleAt(op.operationId, 'response', status, at, 'required');
    if (!required || required.at !== pattern || required.keyword !== 'required') {
      return { ...c.rules.exchangeRule('null-optional'), id: `${op.operationId} response ${status} ${pattern} null`, ruleId: exchangeRuleId(op.operationId, 'null-optional'), keyword: 'type', at: pattern };
    }
  }
  return rule ?? { strength: 'refuse', source: 'the operation\'s response table', id: `${op.operationId} response ${status} ${at} ${e.keyword}`, ruleId: `${op.operationId}.response.${status}.node`, keyword: e.keyword, at };
}



/** Every check of one answer; [] when all hold. */
export function checkAnswer(c: Contract, a: Answer, options: CheckOptions): Observation[] {
  return checkAnswerHeld(c, a, options).observations;
}

/** The rules of the response schema of (operation, status), by place (array items `*`), built once per contract. */
const responseRules = new WeakMap<Contract, Map<string, Rule[]>>();
function rulesOfAnswer(c: Contract, operationId: string, status: string): Rule[] {
  let index = responseRules.get(c);
  if (!index) {
    index = new Map();
    for (const r of c.rules.rules) {
      if (r.direction !== 'response' || r.keyword === '*') continue;
      const key = `${r.operationId} ${r.status}`;
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(r);
    }
    responseRules.set(c, index);
  }
  return index.get(`${operationId} ${status}`) ?? [];
}

/** Every place a JSON value has: /body, /body/a, /body/list/* (array items as `*`, names escaped as the rule table does). */
function placesOf(value: unknown, at = '/body', out = new Set<string>(), depth = 0): Set<string> {
  out.add(at);
  if (depth > 20 || typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) for (const item of value) placesOf(item, `${at}/*`, out, depth + 1);
  else for (const [k, v] of Object.entries(value)) placesOf(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out, depth + 1);
  return out;
}

/**
 * Every check of one answer, and the ids of the rules whose checks held on it (the conformance statement's
 * "verified"): the exchange rules it met, and each schema rule of a place the body has (a rule of an absent optional
 * field was not reached by this answer).
 */
export function checkAnswerHeld(c: Contract, a: Answer, options: CheckOptions): { observations: Observation[]; held: string[] } {
  const op = c.operation(a.operationId);
  const rules = c.rules;
  const status = String(a.status);
  const held: string[] = [];
  const hold = (...names: string[]): void => {
    for (const n of names) held.push(exchangeRuleId(op.operationId, n));
  };
  const done = (observations: Observation[]): { observations: Observation[]; held: string[] } => ({ observations, held });
  if (a.status >= 500) {
    const gateway = [502, 503, 504].includes(a.status) && !JSON_CONTENT_TYPE.test(a.headers['content-type'] ?? '');
    const message = `HTTP ${a.status}${gateway ? ` with a ${a.headers['content-type'] || 'non-JSON'} body: the gateway in front of the tenant answered, the tenant may be down` : ''}`;
    return done([fromExchangeRule(op, 'server-error', rules.exchangeRule('server-error', op), 'no answer is a server error', message, a, options.strict, `HTTP ${a.status}`)]);
  }
  hold('server-error');
  if (a.bodyBytes > options.maxBytes) {
    return done([fromExchangeRule(op, 'too-large', rules.exchangeRule('too-large', op), `an answer is at most ${options.maxBytes} bytes`, `the answer has ${a.bodyBytes} bytes; it was not read further`, a, options.strict)]);
  }
  hold('too-large');
  const refusal = a.status >= 400 && a.status < 500;
  if (!op.statuses.includes(status)) {
    const r = rules.exchangeRule(refusal ? 'status-refusal' : 'status', op);
    return done([fromExchangeRule(op, 'status', r, `${op.operationId} answers ${op.statuses.join(', ')}`, `HTTP ${a.status} is not documented for ${op.operationId}`, a, options.strict, `HTTP ${a.status}`, refusal ? 'status-refusal' : 'status')]);
  }
  hold('status', ...(refusal ? ['status-refusal'] : []));
  if (!op.responseSchemaPointers[status]) return done([]);
  const contentType = a.headers['content-type'] ?? '';
  if (!JSON_CONTENT_TYPE.test(contentType)) {
    return done([fromExchangeRule(op, 'content-type', rules.exchangeRule('content-type', op), 'a documented body is application/json', `Content-Type is ${contentType ? `"${contentType}"` : 'absent'}`, a, options.strict)]);
  }
  hold('content-type');
  let body: unknown;
  try {
    body = JSON.parse(a.bodyText);
  } catch (e) {
    return done([fromExchangeRule(op, 'json', rules.exchangeRule('json', op), 'a documented body is JSON', `the body does not parse (${(e as Error).message}): ${cut(a.bodyText, 60)}`, a, options.strict)]);
  }
  hold('json');
  const result = validateResponseBody(op.operationId, status, body, c);
  const observations = result.valid ? [] : rootErrors(result.errors).map((e) => {
    const rule = ruleOfResponseError(c, op, status, e);
    const o = {
      operationId: op.operationId, check: 'schema' as const, at: rule.at, keyword: rule.keyword,
      rule: `HTTP ${status}: ${'value' in rule || rule.keyword === 'required' ? describeRule(rule as Rule) : `${rule.at} may be null only where it is optional`}`, source: rule.source, ...(rule.why ? { why: rule.why } : {}), strength: rule.strength,
      message: `${e.message} (expected ${show(e.expected)}, actual ${show(e.actual)})`,
    };
    return { ...o, ruleId: 'value' in rule || rule.keyword === 'required' || 'direction' in rule ? c.rules.inventoryId(rule as Rule) : rule.ruleId, verdict: verdictOf(rule.strength, options.strict), signature: signatureOf({ ...o, at: `${status} ${rule.at}` }), exchange: { method: a.method, url: a.url, status: a.status } };
  });
  // The schema rules of every place the body has held, but those an error names (and, below a broken place, its own).
  const broken = new Set(observations.map((o) => o.ruleId));
  const brokenAt = observations.map((o) => o.at ?? '');
  const places = placesOf(body);
  if (result.valid) hold('null-optional');
  for (const r of rulesOfAnswer(c, op.operationId, status)) {
    if (!places.has(r.at) || broken.has(r.ruleId) || brokenAt.some((at) => at && (r.at === at || r.at.startsWith(`${at}/`)))) continue;
    held.push(r.ruleId);
  }
  return done(observations);
}
