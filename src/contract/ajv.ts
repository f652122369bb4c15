// Ajv 2020 instances that understand the spec: strict mode, OpenAPI's own keywords and the spec's x- keywords
// registered, formats from ajv-formats, and the whole document registered so its own $refs resolve.
// The hash of this file is part of the validator cache's key (validator-cache.ts): any change here makes new code.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { KeywordCxt } from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';
import type { Document } from './spec.js';

export const SPEC_ID = 'urn:cec:web-client-openapi';
/** This file, whose text is part of the validator cache's key. */
export const AJV_SETUP_FILE = fileURLToPath(import.meta.url);

// ajv and ajv-formats are CommonJS, required on first use: a process whose validators come from the cache never
// loads the compiler (~40 ms CPU).
const require = createRequire(import.meta.url);

/** Top-level fields of an OpenAPI document: not JSON Schema keywords, but the registered document carries them. */
const OPENAPI_DOCUMENT_FIELDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags'];
/** Schema keywords OpenAPI 3.1 adds to JSON Schema (annotations). */
const OPENAPI_SCHEMA_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];
/** The spec's own schema extensions that only annotate. */
const SPEC_ANNOTATIONS = ['x-source', 'x-rule'];

export interface AjvOptions {
  /** Keep each validator's source, for standalone code (validator-cache.ts). */
  source?: boolean;
}

export function createAjv(doc: Document, { source = false }: AjvOptions = {}): Ajv2020 {
  const { Ajv2020, _ } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as FormatsPlugin;
  const ajv = new Ajv2020({
    strict: true,
    // The spec's "one of these fields is present" rules (anyOf of required, where a table and an example
    // disagree) name properties the enclosing schema defines, which strictRequired cannot see.
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
    verbose: true,
    code: { source },
  });
  // Also sets code.formats, so standalone code requires ajv-formats' formats.
  addFormats(ajv);
  for (const keyword of [...OPENAPI_DOCUMENT_FIELDS, ...OPENAPI_SCHEMA_KEYWORDS, ...SPEC_ANNOTATIONS]) ajv.addKeyword({ keyword });
  // "at most 64 bytes" (feedbackContent): JSON Schema's maxLength counts characters, not UTF-8 bytes. A `code`
  // keyword (not `validate`), so standalone code can carry it.
  ajv.addKeyword({
    keyword: 'x-max-bytes',
    type: 'string',
    schemaType: 'number',
    error: { message: ({ schema }) => `must be at most ${String(schema)} bytes in UTF-8` },
    code: (cxt: KeywordCxt) => cxt.fail(_`Buffer.byteLength(${cxt.data}, "utf8") > ${cxt.schema as number}`),
  });
  ajv.addSchema({ ...doc, $id: SPEC_ID });
  return ajv;
}
