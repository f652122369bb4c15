// Test-side helpers that read the spec's schemas to generate broken variants of valid bodies.
import { followRefs, specAt } from '../../src/contract/contract.js';

export type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  anyOf?: Schema[];
  $ref?: string;
};

export const at = (pointer: string): Schema => specAt(pointer) as Schema;

/** Follows $refs until a schema with content. */
export const deref = (schema: Schema): Schema => followRefs(schema) ?? schema;

export interface Variant {
  name: string;
  body: unknown;
  pointer: string;
}

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

function wrongTypeValue(s: Schema): unknown | undefined {
  const types = typesOf(s);
  if (!types.length) return undefined;
  if (!types.includes('integer') && !types.includes('number')) return 12345;
  if (!types.includes('string')) return 'not-a-number';
  if (!types.includes('boolean')) return true;
  return undefined;
}

/**
 * Broken variants of a valid object body: each required property removed, each typed property given a wrong type,
 * each enumerated property given a value outside its enumeration, each bounded property pushed past its bound.
 */
export function brokenVariants(schemaIn: Schema, valid: Record<string, unknown>): Variant[] {
  const schema = deref(schemaIn);
  const variants: Variant[] = [];
  for (const name of schema.required ?? []) {
    const body = { ...valid };
    delete body[name];
    variants.push({ name: `without required ${name}`, body, pointer: `/${name}` });
  }
  for (const [name, propIn] of Object.entries(schema.properties ?? {})) {
    const prop = deref(propIn);
    const wrong = wrongTypeValue(prop);
    if (wrong !== undefined) variants.push({ name: `${name} of the wrong type`, body: { ...valid, [name]: wrong }, pointer: `/${name}` });
    if (prop.enum) variants.push({ name: `${name} outside its enumeration`, body: { ...valid, [name]: typeof prop.enum[0] === 'number' ? 7 : 'NOT_DOCUMENTED' }, pointer: `/${name}` });
    if (prop.maxLength !== undefined) variants.push({ name: `${name} longer than ${prop.maxLength}`, body: { ...valid, [name]: 'x'.repeat(prop.maxLength + 1) }, pointer: `/${name}` });
    if (prop.minLength) variants.push({ name: `${name} shorter than ${prop.minLength}`, body: { ...valid, [name]: '' }, pointer: `/${name}` });
    if (prop.pattern && typesOf(prop).includes('string')) variants.push({ name: `${name} not matching its pattern`, body: { ...valid, [name]: '!' }, pointer: `/${name}` });
    if (prop.maximum !== undefined) variants.push({ name: `${name} above ${prop.maximum}`, body: { ...valid, [name]: prop.maximum + 1 }, pointer: `/${name}` });
  }
  if (schema.additionalProperties === false) variants.push({ name: 'with an undocumented property', body: { ...valid, undocumentedField: 'x' }, pointer: '/undocumentedField' });
  return variants;
}
