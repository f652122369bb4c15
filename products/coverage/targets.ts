// What there is to cover, read from the spec: per operation its parameters, enumerated request values, documented
// statuses and result codes, and response properties (as JSON-pointer-like paths, arrays as *).
import { type OperationInfo } from '../../src/contract/spec.js';
import { followRefs, operations, specAt } from '../../src/contract/contract.js';

type Schema = Record<string, unknown>;

const at = (pointer: string): Schema | undefined => specAt(pointer) as Schema | undefined;
const deref = (s: Schema | undefined): Schema | undefined => followRefs(s);

/** Every property path a schema names, e.g. /resultCode, /downlinkMessages/*\/callId, with enum values where closed. */
export function propertyPaths(schemaIn: Schema | undefined, prefix = '', out = new Map<string, unknown[] | undefined>(), depth = 0): Map<string, unknown[] | undefined> {
  const schema = deref(schemaIn);
  if (!schema || depth > 6) return out;
  for (const branch of [...((schema.anyOf as Schema[]) ?? []), ...((schema.oneOf as Schema[]) ?? [])]) propertyPaths(branch, prefix, out, depth + 1);
  if (schema.items) propertyPaths(schema.items as Schema, `${prefix}/*`, out, depth + 1);
  for (const [name, prop] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) {
    const p = deref(prop);
    const path = `${prefix}/${name}`;
    out.set(path, (p?.enum as unknown[] | undefined) ?? out.get(path));
    propertyPaths(p, path, out, depth + 1);
  }
  return out;
}

export interface OperationTargets {
  operationId: string;
  method: string;
  path: string;
  parameters: string[];
  enumValues: Record<string, unknown[]>;
  statuses: string[];
  resultCodes: string[];
  responseProperties: string[];
  requestContentTypes: string[];
  responseContentTypes: string[];
}

export function targetsOf(op: OperationInfo): OperationTargets {
  const body = op.requestSchemaPointer ? propertyPaths(at(op.requestSchemaPointer)) : new Map<string, unknown[] | undefined>();
  const enumValues: Record<string, unknown[]> = {};
  for (const p of op.parameters) {
    const s = deref(at(p.schemaPointer));
    if (s?.enum) enumValues[`${p.in}:${p.name}`] = s.enum as unknown[];
  }
  for (const [path, values] of body) if (values) enumValues[`body:${path}`] = values;
  const ok = op.responseSchemaPointers['200'];
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    parameters: [...op.parameters.map((p) => `${p.in}:${p.name}`), ...[...body.keys()].filter((k) => !k.slice(1).includes('/')).map((k) => `body:${k}`)],
    enumValues,
    statuses: op.statuses,
    resultCodes: Object.keys(op.resultCodes),
    responseProperties: ok ? [...propertyPaths(at(ok)).keys()] : [],
    requestContentTypes: op.requestSchemaPointer ? ['application/json'] : [],
    responseContentTypes: ['application/json'],
  };
}

export const allTargets = (): OperationTargets[] => [...operations().values()].map(targetsOf);

/** The documented journeys, as ordered operation sequences a test must contain (not necessarily adjacent). */
export const JOURNEYS: Record<string, string[]> = {
  'customer chat with robot, transfer, agent reply, disconnect, rating': ['applyToken', 'send', 'poll', 'feedbackSatisfaction', 'send', 'queryQueueInfo', 'sendMessage', 'poll', 'send', 'saveSatisfaction'],
  'agent sign-in, reply, sign-out': ['agentSignIn', 'sendMessage', 'agentSignOut'],
  'file upload then download': ['uploadFileStream', 'downloadFileStream'],
  'click-to-call lifecycle': ['checkClickToCallSupport', 'createClickToCall', 'getClickToCallEvents', 'dropClickToCall', 'getClickToCallEvents'],
  'leave a message': ['applyToken', 'doLeaveMessage'],
  'anonymous call': ['createMobileAgentCall'],
  'phrase association while typing': ['applyToken', 'queryPhraseByKeyword'],
};
