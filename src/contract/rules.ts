// How strong each constraint of the spec is, and where the documents state it.
//
// - refuse: the four documents state it (a closed set, a bound, a mandatory field, a format, an error code, a
//   delivery guarantee). A tenant that breaks it fails.
// - guidance: an example value, a fact from outside the four documents (`x-source: facts`), a choice the spec made
//   where the documents are silent. A tenant that breaks it gets a warning.
//
// The spec says so with `x-rule` on a schema, a property, a parameter, a request body, a response, an operation or
// a security scheme: `{ strength, source, why }` for every constraint of that node and below, and/or one entry per
// keyword (`{ enum: { strength: guidance, why: … } }`) that holds for that keyword at that node and below. A node
// with `x-source` and no strength of its own is guidance (it comes from outside the four documents). The document's
// root `x-rule` holds the defaults and the exchange-level rules (status, content type, server error, …).
//
// `rulesOf(doc)` lists every constraint of every operation once (the rule table); `ruleAt()` finds the rule a
// validation error broke.
import type { Document, OperationInfo } from './spec.js';
import { credentialName } from './schemes.js';
import { indexOperations, valueAtPointer } from './spec.js';

export type Strength = 'refuse' | 'guidance';
export type Direction = 'request' | 'response';

/** What `x-rule` may say about a node (or, under a keyword's name, about one keyword of it). */
export interface RuleNote {
  strength?: Strength;
  source?: string;
  why?: string;
  /** enum: values whose acceptance is only guidance (e.g. a typo in the document's list). */
  guidanceValues?: unknown[];
  /** maxLength: the largest value every tenant must accept, when the documented bound depends on its setup. */
  acceptUpTo?: number;
  /** maximum: a value above it may also be honoured by clamping: the answer's field at this pointer is within it. */
  clampedIn?: string;
}

export interface Rule {
  /** `<operationId> <direction>[ <status>] <at> <keyword>`: the rule's identity, also the findings' signature. */
  id: string;
  /** The rule's stable id in the inventory (src/contract/inventory.ts): `applyToken.request.body.channel.enum`. */
  ruleId: string;
  operationId: string;
  direction: Direction;
  /** For response rules: the HTTP status whose body it constrains. */
  status?: string;
  /** Where in the exchange: /body/…, /query/<name>, /header/<name>, /path/<name>, /credential/<scheme>. Array items are `*`. */
  at: string;
  /** The JSON Schema keyword (enum, maxLength, required, type, additionalProperties, …), or `*` for the node as a whole. */
  keyword: string;
  /** The keyword's parameter: the enum list, the bound, the pattern, … */
  value?: unknown;
  strength: Strength;
  source: string;
  why?: string;
  guidanceValues?: unknown[];
  acceptUpTo?: number;
  clampedIn?: string;
}

/** Keywords that constrain a value (annotations such as description or contentEncoding do not). */
export const CONSTRAINT_KEYWORDS = ['type', 'enum', 'const', 'minLength', 'maxLength', 'x-max-bytes', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems'] as const;
const NOTE_FIELDS = new Set(['strength', 'source', 'why', 'guidanceValues', 'acceptUpTo', 'clampedIn']);
const FACTS_SOURCE = 'facts (../shared/seeds/README.md)';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rule context while walking: a base note and per-keyword notes, both inherited downwards. */
interface Context {
  base: RuleNote;
  byKeyword: Record<string, RuleNote>;
}

function noteOf(node: Json): { base: RuleNote; byKeyword: Record<string, RuleNote> } | undefined {
  const raw = node['x-rule'];
  const source = node['x-source'];
  if (!isObject(raw)) {
    return typeof source === 'string' ? { base: { strength: 'guidance', source: source === 'facts' ? FACTS_SOURCE : `facts: ${source}` }, byKeyword: {} } : undefined;
  }
  const base: RuleNote = {};
  const byKeyword: Record<string, RuleNote> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (NOTE_FIELDS.has(k)) (base as Json)[k] = v;
    else if (isObject(v)) byKeyword[k] = v as RuleNote;
  }
  if (typeof source === 'string' && base.strength === undefined) base.strength = 'guidance';
  return { base, byKeyword };
}

function within(ctx: Context, node: unknown): Context {
  if (!isObject(node)) return ctx;
  const n = noteOf(node);
  if (!n) return ctx;
  // A node that names its own source without a strength is as strong as the documents it names: refuse.
  const base = n.base.source !== undefined && n.base.strength === undefined ? { ...n.base, strength: 'refuse' as Strength } : n.base;
  // A why goes with its source: a node that names a new source does not inherit the parent's why.
  return { base: { ...ctx.base, ...(base.source !== undefined ? { why: undefined } : {}), ...base }, byKeyword: { ...ctx.byKeyword, ...n.byKeyword } };
}

function effective(ctx: Context, keyword: string): Required<Pick<RuleNote, 'strength' | 'source'>> & RuleNote {
  const k = ctx.byKeyword[keyword] ?? {};
  return { ...ctx.base, ...k, strength: k.strength ?? ctx.base.strength ?? 'refuse', source: k.source ?? ctx.base.source ?? '' };
}

const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

export interface Where {
  operationId: string;
  direction: Direction;
  status?: string;
}

const idOf = (w: Where, at: string, keyword: string): string => `${w.operationId} ${w.direction}${w.status ? ` ${w.status}` : ''} ${at} ${keyword}`;

/**
 * A spec rule's stable id, dotted the way Schemathesis names its checks: `<operationId>.<direction>[.<status>].<place>.<keyword>`,
 * the place's segments joined by dots and array items as `[]` (`poll.response.200.body.downlinkMessages[].to.type`).
 * A node as a whole (`*`) is `….node`.
 */
export function specRuleId(w: Where, at: string, keyword: string): string {
  const place = at.split('/').filter(Boolean).map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~')).join('.').replace(/\.\*/g, '[]');
  return `${w.operationId}.${w.direction}${w.status ? `.${w.status}` : ''}.${place}.${keyword === '*' ? 'node' : keyword}`;
}

/** An exchange-level rule's stable id for one operation: `applyToken.exchange.status`. */
export const exchangeRuleId = (operationId: string, name: string): string => `${operationId}.exchange.${name}`;

class Collector {
  readonly rules: Rule[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly doc: Document) {}

  add(w: Where, at: string, keyword: string, ctx: Context, value?: unknown): void {
    const id = idOf(w, at, keyword);
    if (this.seen.has(id)) return; // the first branch that states a rule names it
    this.seen.add(id);
    const e = effective(ctx, keyword);
    this.rules.push({
      id, ruleId: specRuleId(w, at, keyword), ...w, at, keyword, ...(value !== undefined ? { value } : {}), strength: e.strength, source: e.source,
      ...(e.why ? { why: e.why } : {}), ...(e.guidanceValues ? { guidanceValues: e.guidanceValues } : {}), ...(e.acceptUpTo !== undefined ? { acceptUpTo: e.acceptUpTo } : {}),
      ...(e.clampedIn !== undefined ? { clampedIn: e.clampedIn } : {}),
    });
  }

  /** Walks a schema: every constraint keyword, every required field, and the node itself (`*`). */
  schema(w: Where, node: unknown, at: string, ctx: Context, depth = 0): void {
    if (!isObject(node) || depth > 20) return;
    let c = within(ctx, node);
    let s = node;
    // A $ref: the referenced schema's own note, then the use site's (which wins: it knows the context).
    for (let i = 0; typeof s.$ref === 'string' && i < 10; i++) {
      const target = valueAtPointer(this.doc, s.$ref.slice(1));
      if (!isObject(target)) break;
      const { $ref: _, ...siblings } = s;
      c = within(within(ctx, target), siblings);
      s = { ...target, ...siblings, $ref: target.$ref };
      if (typeof target.$ref !== 'string') delete s.$ref;
    }
    this.add(w, at, '*', c);
    for (const k of CONSTRAINT_KEYWORDS) if (k in s) this.add(w, at, k, c, s[k]);
    if (s.additionalProperties === false) this.add(w, at, 'additionalProperties', c, false);
    const props = isObject(s.properties) ? s.properties : {};
    for (const [name, prop] of Object.entries(props)) this.schema(w, prop, `${at}/${escape(name)}`, c, depth + 1);
    for (const name of Array.isArray(s.required) ? s.required as string[] : []) {
      // A field's being mandatory is as strong as the field's own rule.
      this.add(w, `${at}/${escape(name)}`, 'required', this.contextOf(props[name], c));
    }
    if (isObject(s.items)) this.schema(w, s.items, `${at}/*`, c, depth + 1);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (!Array.isArray(s[k])) continue;
      if (k !== 'allOf') this.add(w, at, k, c);
      for (const branch of s[k] as unknown[]) this.schema(w, branch, at, c, depth + 1);
    }
    for (const k of ['then', 'else'] as const) if (isObject(s[k])) this.schema(w, s[k], at, c, depth + 1);
  }

  private contextOf(node: unknown, ctx: Context): Context {
    if (!isObject(node)) return ctx;
    let c = within(ctx, node);
    if (typeof node.$ref === 'string') {
      const target = valueAtPointer(this.doc, node.$ref.slice(1));
      const { $ref: _, ...siblings } = node;
      c = within(within(ctx, target), siblings);
    }
    return c;
  }
}

const followRef = (doc: Document, v: unknown): Json => {
  let cur = v;
  for (let i = 0; isObject(cur) && typeof cur.$ref === 'string' && i < 10; i++) cur = valueAtPointer(doc, cur.$ref.slice(1));
  return isObject(cur) ? cur : {};
};

/** Every rule of every operation of the spec, in a stable order. */
export function rulesOf(doc: Document, ops: Map<string, OperationInfo> = indexOperations(doc)): Rule[] {
  const c = new Collector(doc);
  const root: Context = within({ base: {}, byKeyword: {} }, { 'x-rule': rootRules(doc).defaults });
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, Json>;
  for (const op of ops.values()) {
    const opCtx = within(root, op.operation);
    const req: Where = { operationId: op.operationId, direction: 'request' };
    for (const scheme of op.mandatorySchemes) c.add(req, `/credential/${scheme}`, 'required', within(within(root, schemes[scheme]), op.operation), credentialName(doc, scheme));
    for (const p of op.parameters) {
      const param = valueAtPointer(doc, p.schemaPointer.replace(/\/schema$/, ''));
      const pCtx = within(opCtx, param);
      const at = `/${p.in}/${escape(p.name)}`;
      if (p.required) c.add(req, at, 'required', pCtx);
      c.schema(req, valueAtPointer(doc, p.schemaPointer), at, pCtx);
    }
    if (op.requestSchemaPointer) {
      const body = followRef(doc, op.operation.requestBody);
      c.schema(req, valueAtPointer(doc, op.requestSchemaPointer), '/body', within(opCtx, body));
    }
    for (const [status, pointer] of Object.entries(op.responseSchemaPointers)) {
      if (!pointer) continue;
      const response = followRef(doc, op.operation.responses?.[status]);
      c.schema({ operationId: op.operationId, direction: 'response', status }, valueAtPointer(doc, pointer), '/body', within(opCtx, response));
    }
  }
  return c.rules;
}

/** An exchange-level rule of the document's root `x-rule` (status, content type, server error, …). */
export interface ExchangeRule {
  strength: Strength;
  source: string;
  why?: string;
}

export interface RootRules {
  /** Notes every operation inherits (per keyword, e.g. additionalProperties). */
  defaults: Json;
  /** Rules of an exchange as a whole, by name. */
  exchange: Record<string, ExchangeRule>;
}

export function rootRules(doc: Document): RootRules {
  const raw = (doc as unknown as Json)['x-rule'];
  const r = isObject(raw) ? raw : {};
  return { defaults: isObject(r.defaults) ? r.defaults : {}, exchange: (isObject(r.exchange) ? r.exchange : {}) as Record<string, ExchangeRule> };
}

/** A rule table with lookups by the place a validation error names. */
export class RuleBook {
  private readonly byId = new Map<string, Rule>();
  readonly exchange: Record<string, ExchangeRule>;

  constructor(readonly rules: readonly Rule[], root: RootRules) {
    for (const r of rules) this.byId.set(r.id, r);
    this.exchange = root.exchange;
  }

  static of(doc: Document, ops?: Map<string, OperationInfo>): RuleBook {
    return new RuleBook(rulesOf(doc, ops), rootRules(doc));
  }

  /**
   * The rule a validation error broke. `at` is where the error points (`/body/downlinkMessages/0/to`,
   * `/query/channel`): array indexes count as `*`; an additionalProperties error points at the extra property, its
   * rule sits on the object; a keyword without a rule of its own (anyOf, if, …) falls back to the nearest node.
   */
  ruleAt(operationId: string, direction: Direction, status: string | undefined, at: string, keyword: string): Rule | undefined {
    const w: Where = { operationId, direction, ...(direction === 'response' ? { status } : {}) };
    let path = at.split('/').map((seg, i) => (i > 0 && /^[0-9]+$/.test(seg) ? '*' : seg)).join('/');
    if (keyword === 'additionalProperties') path = path.slice(0, path.lastIndexOf('/'));
    for (let p = path; p; p = p.slice(0, p.lastIndexOf('/'))) {
      const hit = this.byId.get(idOf(w, p, keyword)) ?? this.byId.get(idOf(w, p, '*'));
      if (hit) return hit;
      if (keyword === 'required') keyword = '*';
    }
    return undefined;
  }

  /**
   * The inventory id of a rule: its own, or for a node "as a whole" (`*`, a fallback with no entry of its own) the
   * node's type rule, else its alternatives (anyOf/oneOf), else the first constraint of the node.
   */
  inventoryId(r: Pick<Rule, 'operationId' | 'direction' | 'status' | 'at' | 'keyword' | 'ruleId'>): string {
    if (r.keyword !== '*') return r.ruleId;
    const w: Where = { operationId: r.operationId, direction: r.direction, ...(r.status ? { status: r.status } : {}) };
    for (const k of ['type', 'anyOf', 'oneOf', 'enum', 'const', 'required']) {
      const hit = this.byId.get(idOf(w, r.at, k));
      if (hit) return hit.ruleId;
    }
    return r.ruleId;
  }

  /** An exchange-level rule, as the operation's own `x-rule` may restate it (e.g. sendmessage: POST only). */
  exchangeRule(name: string, op?: OperationInfo): ExchangeRule {
    const own = op ? noteOf(op.operation as unknown as Json)?.byKeyword[name] : undefined;
    const r = this.exchange[name];
    if (!r) throw new Error(`the spec's root x-rule.exchange has no rule "${name}"`);
    return own ? { ...r, ...own, why: own.why ?? (own.source ? undefined : r.why) } as ExchangeRule : r;
  }
}

const fieldOf = (at: string): string => {
  const parts = at.split('/').filter(Boolean);
  const where = parts[0];
  const rest = parts.slice(1).join('.').replace(/\.\*/g, '[]').replace(/~1/g, '/').replace(/~0/g, '~');
  if (where === 'credential') return rest;
  if (where === 'body') return rest ? `"${rest}"` : 'the body';
  return `${where} parameter "${rest}"`;
};

/** A rule in words: `"channel" is one of WEB, WECHAT, …`, `"comment" is at most 511 characters`. */
export function describeRule(r: Pick<Rule, 'at' | 'keyword' | 'value'>): string {
  const f = fieldOf(r.at);
  const v = r.value;
  switch (r.keyword) {
    case 'required': return `${typeof v === 'string' && r.at.startsWith('/credential/') ? v : f} is mandatory`;
    case 'enum': return `${f} is one of ${(v as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    case 'const': return `${f} is ${JSON.stringify(v)}`;
    case 'type': return `${f} is of type ${Array.isArray(v) ? v.join(' or ') : String(v)}`;
    case 'maxLength': return `${f} is at most ${String(v)} characters`;
    case 'minLength': return `${f} has at least ${String(v)} character${v === 1 ? '' : 's'}`;
    case 'x-max-bytes': return `${f} is at most ${String(v)} bytes in UTF-8`;
    case 'pattern': return `${f} matches ${String(v)}`;
    case 'maximum': return `${f} is at most ${String(v)}`;
    case 'minimum': return `${f} is at least ${String(v)}`;
    case 'additionalProperties': return `${f} has only the documented fields`;
    default: return `${f} follows its schema (${r.keyword})`;
  }
}
