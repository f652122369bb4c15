// The calls a probe (probes.ts) makes of an app, as the fast mode's coverage sees a test's calls (products/mutation/coverage.ts):
// the operation, and whether the clean mock refused it, in its request check or its credential check. A probe
// observes its mutant, so its calls against the clean mock must include one that meets the mutant's touch
// (products/mutation/operations.ts): otherwise the touch misses what the mutant changes, and the fast mode would miss it too.
import { specDocument, operations } from '../../src/contract/contract.js';
import { resultCodeOf } from '../../src/contract/result-code.js';
import { headerOf, SCHEMES } from '../../src/contract/schemes.js';
import { validateRequestBody } from '../../src/contract/validators.js';
import type { Call } from '../../products/mutation/coverage.js';
import type { App } from '../mock/helpers.js';

const parse = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
};

/** The operation a request path belongs to (whatever the method: a probe may call an undocumented one). */
function operationAt(path: string): string | undefined {
  for (const op of operations().values()) {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return op.operationId;
  }
  return undefined;
}

interface InjectOptions { method?: string; url?: string; headers?: Record<string, string>; payload?: string }

/** Records every call made through `app.inject` from now on; returns the list it fills. */
export function recordCalls(app: App): Call[] {
  const calls: Call[] = [];
  const inject = app.inject.bind(app) as (o: InjectOptions) => Promise<{ statusCode: number; body: string }>;
  (app as unknown as { inject: typeof inject }).inject = async (o: InjectOptions) => {
    const res = await inject(o);
    const operationId = operationAt((o.url ?? '').split('?')[0]);
    if (!operationId) return res;
    const op = operations().get(operationId)!;
    const code = resultCodeOf(parse(res.body));
    const refused = res.statusCode < 200 || res.statusCode >= 300 || (code !== undefined && code !== '0');
    const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const withheld = SCHEMES.find((s) => op.mandatorySchemes.includes(s) && !(headerOf(specDocument(), s).toLowerCase() in headers));
    const body = parse(o.payload);
    calls.push({
      operationId,
      refused,
      invalid: refused && (res.statusCode === 400 || (op.requestSchemaPointer !== undefined && !validateRequestBody(operationId, body).valid)),
      unauthorized: refused && (res.statusCode === 401 || withheld !== undefined),
      ...(withheld ? { scheme: withheld } : {}),
    });
    return res;
  };
  return calls;
}
