// Every answer the exploration gets is checked here: no 5xx, a documented status, JSON where JSON is documented, and
// a body that validates against the spec. Each problem goes through `violation()` (refuse-level: a failure).
import type { APIResponse } from '@playwright/test';
import { operation } from '../../contract/spec.js';
import { validateResponseBody } from '../../contract/validators.js';
import { formatErrors } from '../../contract/matcher.js';
import { resultCodeOf } from '../../contract/result-code.js';
import { maskBodyText, maskText } from '../../contract/secrets.js';
import type { Verdicts } from './verdict.js';

export interface Judged {
  status: number;
  /** resultCode / returnCode / retcode, when the body has one. */
  code?: string;
  body: unknown;
  text: string;
}

const cut = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Reads and checks one answer of `operationId`; a violation throws (failures) or is recorded (warnings). */
export async function judge(verdicts: Verdicts, operationId: string, response: APIResponse): Promise<Judged> {
  const op = operation(operationId);
  const status = response.status();
  const text = (await response.body()).toString('utf8');
  const where = `${op.method.toUpperCase()} ${maskText(response.url())} → HTTP ${status}`;
  if (status >= 500) {
    verdicts.violation({
      verdict: 'fail', operationId, check: 'server:5xx', rule: 'a request is never answered with a server failure',
      source: 'seed 000 chapter 1 (5xx: the server fails to fulfil a valid request)', message: `${where}: ${cut(maskBodyText(text))}`,
    });
  }
  if (!op.statuses.includes(String(status))) {
    verdicts.violation({ verdict: 'fail', operationId, check: 'contract:status', rule: `the statuses documented for ${operationId}: ${op.statuses.join(', ')}`, source: 'spec', message: `${where}` });
  }
  let body: unknown;
  if (op.responseSchemaPointers[String(status)]) {
    const contentType = response.headers()['content-type'] ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      verdicts.violation({ verdict: 'fail', operationId, check: 'contract:content-type', rule: 'answers are application/json', source: 'seed 000 chapter 1', message: `${where} with Content-Type ${contentType || '(none)'}` });
    }
    try {
      body = JSON.parse(text);
    } catch {
      verdicts.violation({ verdict: 'fail', operationId, check: 'contract:json', rule: 'the body is JSON', source: 'seed 000 chapter 1', message: `${where}: ${cut(maskText(text))}` });
    }
    const result = validateResponseBody(operationId, status, body);
    if (!result.valid) {
      verdicts.violation({
        verdict: 'fail', operationId, check: `contract:${result.errors[0]?.pointer || '(root)'}`, rule: `the response schema of ${operationId}`, source: 'spec',
        message: `${where}\n${formatErrors(result.errors)}\nBody: ${cut(maskBodyText(text), 600)}`,
      });
    }
  } else {
    try {
      body = JSON.parse(text);
    } catch { /* no JSON documented */ }
  }
  return { status, code: resultCodeOf(body), body, text };
}
