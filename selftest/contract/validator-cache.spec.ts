// The validator cache (src/contract/validator-cache.ts): the standalone code it writes judges exactly as validators
// compiled in the process do (same validity, same errors to the last field, verbose schema and data included), on
// the spec's examples and on mutated copies of them; it is written once and then loaded; and a cache that cannot be
// used costs speed, never a validator.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { test, expect } from '@playwright/test';
import type { ValidateFunction } from 'ajv';
import { createAjv, SPEC_ID } from '../../src/contract/ajv.js';
import { Contract } from '../../src/contract/contract.js';
import { valueAtPointer, type Document } from '../../src/contract/spec.js';
import { cachedValidators, validatorCacheFile } from '../../src/contract/validator-cache.js';
import { validatorSchemas, type ValidatorSchema } from '../../src/contract/validator-schemas.js';
import { compileAll, validateResponseBody } from '../../src/contract/validators.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cec-validators-'));
  dirs.push(dir);
  return dir;
};
test.afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The examples a validator's schema documents: its media type's examples, and an object of its properties' examples. */
function examplesOf(doc: Document, v: ValidatorSchema): unknown[] {
  const ref = (v.schema as { $ref?: string }).$ref;
  const found: unknown[] = [];
  const props = (schema: unknown): Record<string, unknown> => {
    let s = schema as { $ref?: string; properties?: Record<string, unknown>; example?: unknown } | undefined;
    for (let i = 0; s?.$ref && i < 10; i++) s = valueAtPointer(doc, s.$ref.replace(SPEC_ID, '').slice(1)) as typeof s;
    if (s?.example !== undefined) found.push(s.example);
    return s?.properties ?? {};
  };
  const fromProperties: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(props(ref ? v.schema : { properties: (v.schema as { properties: object }).properties }))) {
    const before = found.length;
    props(p);
    fromProperties[name] = found.length > before ? found.pop() : '1';
  }
  found.push(fromProperties);
  if (ref) {
    const media = valueAtPointer(doc, ref.slice(SPEC_ID.length + 1).replace(/\/schema$/, '')) as { example?: unknown; examples?: Record<string, { value: unknown }> } | undefined;
    if (media?.example !== undefined) found.push(media.example);
    for (const ex of Object.values(media?.examples ?? {})) found.push(ex.value);
  }
  return found;
}

/** Broken copies of a value: at each place (a few levels deep), the value removed, of the wrong type, too long in
 *  bytes but not in characters, or given an undocumented sibling. */
function mutations(value: unknown, depth = 0): unknown[] {
  const out: unknown[] = [];
  if (depth > 3 || !value || typeof value !== 'object') return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const).slice(0, 2) : Object.entries(value);
  const copy = (k: string, v: unknown): unknown => (Array.isArray(value) ? value.map((x, i) => (String(i) === k ? v : x)) : { ...value, [k]: v });
  for (const [k, v] of entries) {
    if (!Array.isArray(value)) {
      const without = { ...value } as Record<string, unknown>;
      delete without[k];
      out.push(without);
    }
    for (const wrong of [12345, 'é'.repeat(32), 'é'.repeat(33), 'x'.repeat(5000), null, {}]) out.push(copy(k, wrong));
    for (const inner of mutations(v, depth + 1)) out.push(copy(k, inner));
  }
  if (!Array.isArray(value)) out.push({ ...value, zzUndocumented: 1 });
  return out;
}

const GENERIC = [undefined, null, {}, [], '', 'x', 0, -1, 1.5, true, { zzUndocumented: 1 }];

const snapshot = (fn: ValidateFunction, data: unknown): unknown => {
  const valid = fn(data);
  return { valid, errors: fn.errors ?? null };
};

for (const strict of [false, true]) {
  test(`every cached validator judges as a freshly compiled one does (${strict ? 'strict' : 'default'} profile)`, () => {
    const { doc, operations } = new Contract({ strict, validatorCache: false });
    const schemas = validatorSchemas(operations.values());
    const cache = cachedValidators(doc, schemas, tempDir());
    expect(cache?.from).toBe('written');
    const fresh = { request: createAjv(doc), response: createAjv(doc) };
    const mismatches: string[] = [];
    let compared = 0;
    let invalid = 0;
    const keywords = new Set<string>();
    for (const v of schemas) {
      const cached = cache!.validators[v.direction].get(v.key);
      expect(cached, `${v.direction} ${v.key} is cached`).toBeDefined();
      const compiled = fresh[v.direction].compile(v.schema);
      const examples = examplesOf(doc, v);
      for (const data of [...GENERIC, ...examples, ...examples.flatMap((e) => mutations(e))]) {
        const want = snapshot(compiled, data) as { valid: boolean; errors: Array<{ keyword: string }> | null };
        const got = snapshot(cached!, data);
        compared++;
        if (!want.valid) invalid++;
        want.errors?.forEach((e) => keywords.add(e.keyword));
        if (!isDeepStrictEqual(got, want) && mismatches.length < 5) mismatches.push(`${v.direction} ${v.key} on ${JSON.stringify(data)?.slice(0, 200)}:\n  cached ${JSON.stringify(got).slice(0, 600)}\n  fresh  ${JSON.stringify(want).slice(0, 600)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The comparison reached every kind of failure the spec can produce, the byte bound included.
    expect(compared).toBeGreaterThan(4000);
    expect(invalid).toBeGreaterThan(compared / 2);
    expect([...keywords]).toEqual(expect.arrayContaining(['required', 'type', 'enum', 'maxLength', 'pattern', 'additionalProperties', 'x-max-bytes', 'anyOf']));
  });
}

test('a process writes the cache (over a corrupt file), the next loads it; a profile or a schema changed is another file', () => {
  const dir = tempDir();
  const { doc, operations } = new Contract({ validatorCache: false });
  const schemas = validatorSchemas(operations.values());
  const file = validatorCacheFile(doc, schemas, dir);
  writeFileSync(file, 'exports.request = {}; syntax error here');
  expect(cachedValidators(doc, schemas, dir)?.from).toBe('written');
  const loaded = cachedValidators(doc, schemas, dir);
  expect(loaded?.from).toBe('cache');
  expect(loaded!.validators.response.get('send:200')!({ channel: 'WEB' })).toBe(false);
  expect(readdirSync(dir)).toEqual([basename(file)]);
  const strict = new Contract({ strict: true, validatorCache: false });
  expect(validatorCacheFile(strict.doc, validatorSchemas(strict.operations.values()), dir)).not.toBe(file);
  expect(validatorCacheFile(doc, schemas.slice(1), dir)).not.toBe(file);
});

test('a cache that cannot be written leaves compilation to the contract', () => {
  const c = new Contract({ validatorCache: '/dev/null/cec-validators' });
  expect(cachedValidators(c.doc, validatorSchemas(c.operations.values()), '/dev/null/cec-validators')).toBeUndefined();
  expect(compileAll(c)).toBeGreaterThan(90);
  expect(validateResponseBody('send', 200, { channel: 'WEB' }, c).errors.map((e) => e.pointer)).toEqual(['/resultCode']);
});
