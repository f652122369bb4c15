// Loads openapi/cec-web-client.openapi.yaml once and indexes its operations by operationId.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3_1 } from 'openapi-types';

export type Document = OpenAPIV3_1.Document;
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** Which host serves an operation: the API Fabric/CEC host or the CC-Gateway. */
export type Host = 'cec' | 'gateway';

export const SPEC_PATH = fileURLToPath(new URL('../../openapi/cec-web-client.openapi.yaml', import.meta.url));

export interface ResolvedParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  /** JSON pointer (inside the spec document) of the parameter's schema. */
  schemaPointer: string;
}

export interface OperationInfo {
  operationId: string;
  method: HttpMethod;
  /** Path template as in the spec, e.g. /agentgateway/resource/mediacall/{agentid}/sendmessage */
  path: string;
  host: Host;
  operation: OpenAPIV3_1.OperationObject;
  /** JSON pointer of the operation object inside the spec document. */
  pointer: string;
  parameters: ResolvedParameter[];
  /** Pointer of the application/json request body schema, if the operation has a body. */
  requestSchemaPointer?: string;
  requestBodyRequired: boolean;
  /** Documented statuses, as strings ('200', '400', ...). */
  statuses: string[];
  /** Pointer of each documented status's application/json schema. */
  responseSchemaPointers: Record<string, string | undefined>;
  /** Documented result codes (code → meaning) of the 200 answer. */
  resultCodes: Record<string, string>;
  /** Security requirement alternatives; [] means none needed, a {} alternative means optional. */
  security: Array<Record<string, string[]>>;
  /** Credential schemes that every alternative requires (what a negative test may withhold). */
  mandatorySchemes: string[];
  /** Marked as placing a real call or leaving a real message. */
  sideEffect?: string;
  /** Set when the operation comes from outside the four documents. */
  source?: string;
}

const METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * The result code an operation of the API Fabric host documents for a parameter error (x-result-codes): the one whose
 * meaning says so ("Parameter error", "Input parameter verification failed"), else its only failure code; undefined
 * when it documents none, or several others (then a parameter error is a 400).
 */
export function parameterErrorCode(op: Pick<OperationInfo, 'host' | 'resultCodes'>): string | undefined {
  if (op.host !== 'cec') return undefined;
  const failures = Object.entries(op.resultCodes).filter(([code]) => code !== '0');
  const named = failures.find(([, meaning]) => /parameter (error|verification)/i.test(meaning));
  if (named) return named[0];
  return failures.length === 1 ? failures[0][0] : undefined;
}

export const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The value at a JSON pointer ('' is the root); undefined when the path does not exist. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function resolveLocalRef<T>(doc: Document, obj: T | OpenAPIV3_1.ReferenceObject): { value: T; pointer?: string } {
  if (obj && typeof obj === 'object' && '$ref' in obj) {
    const ref = (obj as OpenAPIV3_1.ReferenceObject).$ref;
    const pointer = ref.slice(1);
    return { value: valueAtPointer(doc, pointer) as T, pointer };
  }
  return { value: obj as T };
}

/** The spec as JSON, written by `npm run types` with the hash of the YAML it came from (parsing YAML costs ~0.5 s
 *  at every worker start; JSON ~1 ms). */
export const SPEC_JSON_PATH = fileURLToPath(new URL('./generated/spec.json', import.meta.url));

export const specHash = (yamlText: string): string => createHash('sha256').update(yamlText).digest('hex');

/** The spec document: from the generated JSON when it was made from this very YAML, else from the YAML itself. */
export function loadDocument(path = SPEC_PATH): Document {
  const text = readFileSync(path, 'utf8');
  if (path === SPEC_PATH && existsSync(SPEC_JSON_PATH)) {
    const generated = JSON.parse(readFileSync(SPEC_JSON_PATH, 'utf8')) as { yamlSha256: string; document: Document };
    if (generated.yamlSha256 === specHash(text)) return generated.document;
  }
  // Required only here: loading the YAML parser costs ~30 ms CPU, which a process that reads the JSON never pays.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(text) as Document;
}

export function indexOperations(doc: Document): Map<string, OperationInfo> {
  const ops = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    const host: Host = item.servers?.some((s) => s.url.includes('agentGatewayUrl')) ? 'gateway' : 'cec';
    for (const method of METHODS) {
      const operation = item[method] as OpenAPIV3_1.OperationObject | undefined;
      if (!operation?.operationId) continue;
      const pointer = `/paths/${escapePointer(path)}/${method}`;
      const parameters = [...(item.parameters ?? []).map((p, i) => ({ p, at: `/paths/${escapePointer(path)}/parameters/${i}` })),
        ...(operation.parameters ?? []).map((p, i) => ({ p, at: `${pointer}/parameters/${i}` }))].map(({ p, at }) => {
        const { value, pointer: refPointer } = resolveLocalRef<OpenAPIV3_1.ParameterObject>(doc, p);
        return { name: value.name, in: value.in as ResolvedParameter['in'], required: Boolean(value.required), schemaPointer: `${refPointer ?? at}/schema` };
      });
      const { value: body } = operation.requestBody ? resolveLocalRef<OpenAPIV3_1.RequestBodyObject>(doc, operation.requestBody) : { value: undefined };
      const responseSchemaPointers: Record<string, string | undefined> = {};
      for (const [status, resp] of Object.entries(operation.responses ?? {})) {
        const { value, pointer: refPointer } = resolveLocalRef<OpenAPIV3_1.ResponseObject>(doc, resp);
        const at = refPointer ?? `${pointer}/responses/${status}`;
        responseSchemaPointers[status] = value.content?.['application/json']?.schema ? `${at}/content/application~1json/schema` : undefined;
      }
      const ok = resolveLocalRef<OpenAPIV3_1.ResponseObject>(doc, operation.responses?.['200'] ?? { description: '' }).value as OpenAPIV3_1.ResponseObject & { 'x-result-codes'?: Record<string, string> };
      const security = (operation.security ?? doc.security ?? []) as Array<Record<string, string[]>>;
      const mandatorySchemes = security.length === 0 ? [] : Object.keys(security[0]).filter((s) => security.every((alt) => s in alt));
      const ext = operation as Record<string, unknown>;
      ops.set(operation.operationId, {
        operationId: operation.operationId,
        method,
        path,
        host,
        operation,
        pointer,
        parameters,
        requestSchemaPointer: body?.content?.['application/json']?.schema ? `${pointer}/requestBody/content/application~1json/schema` : undefined,
        requestBodyRequired: Boolean(body?.required),
        statuses: Object.keys(operation.responses ?? {}),
        responseSchemaPointers,
        resultCodes: ok['x-result-codes'] ?? {},
        security,
        mandatorySchemes,
        sideEffect: ext['x-side-effect'] as string | undefined,
        source: ext['x-source'] as string | undefined,
      });
    }
  }
  return ops;
}

/**
 * The strict profile (CEC_STRICT=1): every response object schema that names its properties and says nothing of
 * others is closed, so fields the documents don't name fail. Request schemas are closed in the spec itself.
 */
export function closeResponseSchemas(doc: Document): Document {
  const copy = structuredClone(doc);
  const responseRefs = new Set<string>();
  const collectRefs = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(collectRefs);
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.slice('#/components/schemas/'.length);
        if (!responseRefs.has(name)) {
          responseRefs.add(name);
          collectRefs(copy.components?.schemas?.[name]);
        }
      } else collectRefs(v);
    }
  };
  for (const item of Object.values(copy.paths ?? {})) {
    for (const m of METHODS) {
      const op = item?.[m] as OpenAPIV3_1.OperationObject | undefined;
      for (const resp of Object.values(op?.responses ?? {})) collectRefs(resolveLocalRef(copy, resp).value);
    }
  }
  const close = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(close);
    const s = node as Record<string, unknown>;
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('object') && s.properties && !('additionalProperties' in s)) s.additionalProperties = false;
    Object.values(s).forEach(close);
  };
  for (const name of responseRefs) close(copy.components?.schemas?.[name]);
  return copy;
}
