// Ajv 2020 instances that understand the spec: strict mode, OpenAPI's own keywords and the spec's x- keywords
// registered, formats from ajv-formats, and the whole document registered so its own $refs resolve.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { Document } from './spec.js';

export const SPEC_ID = 'urn:cec:web-client-openapi';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/** Top-level fields of an OpenAPI document: not JSON Schema keywords, but the registered document carries them. */
const OPENAPI_DOCUMENT_FIELDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags'];
/** Schema keywords OpenAPI 3.1 adds to JSON Schema (annotations). */
const OPENAPI_SCHEMA_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];
/** The spec's own schema extensions that only annotate. */
const SPEC_ANNOTATIONS = ['x-source', 'x-rule'];

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

export function createAjv(doc: Document): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    // The spec's "one of these fields is present" rules (anyOf of required, where a table and an example
    // disagree) name properties the enclosing schema defines, which strictRequired cannot see.
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
    verbose: true,
  });
  addFormats(ajv);
  for (const keyword of [...OPENAPI_DOCUMENT_FIELDS, ...OPENAPI_SCHEMA_KEYWORDS, ...SPEC_ANNOTATIONS]) ajv.addKeyword({ keyword });
  // "at most 64 bytes" (feedbackContent): JSON Schema's maxLength counts characters, not UTF-8 bytes.
  ajv.addKeyword({
    keyword: 'x-max-bytes',
    type: 'string',
    schemaType: 'number',
    error: { message: ({ schema }) => `must be at most ${String(schema)} bytes in UTF-8` },
    validate: (max: number, data: string) => utf8Length(data) <= max,
  });
  ajv.addSchema({ ...doc, $id: SPEC_ID });
  return ajv;
}
