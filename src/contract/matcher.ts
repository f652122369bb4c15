// `await expect(response).toMatchContract('send')`: the status is documented for the operation, the body is JSON
// where one is documented, and it validates. Like Playwright's toBeOK, the failure detail is built only on failure.
import type { APIResponse, ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { maskBodyText, maskText } from './secrets.js';
import { operation } from './contract.js';
import { validateResponseBody, type ContractError } from './validators.js';

const BODY_LIMIT = 1024;

export const cut = (text: string, limit = BODY_LIMIT): string =>
  text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters)` : text;

const show = (v: unknown): string => (v === undefined ? 'undefined' : cut(maskText(JSON.stringify(v)), 200));

export function formatErrors(errors: ContractError[]): string {
  return errors.map((e) => `  at ${e.pointer || '(root)'}: ${e.message}\n    expected: ${show(e.expected)}\n    actual:   ${show(e.actual)}`).join('\n');
}

interface Verdict {
  pass: boolean;
  errors: ContractError[];
  bodyText: string;
}

async function judge(response: APIResponse, operationId: string): Promise<Verdict> {
  const op = operation(operationId);
  const status = String(response.status());
  const bodyText = (await response.body()).toString('utf8');
  if (!op.statuses.includes(status)) {
    return { pass: false, bodyText, errors: [{ pointer: '', keyword: 'status', message: `status ${status} is not documented for ${operationId}`, expected: op.statuses, actual: Number(status) }] };
  }
  if (!op.responseSchemaPointers[status]) return { pass: true, errors: [], bodyText };
  const contentType = response.headers()['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return { pass: false, bodyText, errors: [{ pointer: '', keyword: 'content-type', message: 'Content-Type must be JSON', expected: 'application/json', actual: contentType || undefined }] };
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (e) {
    return { pass: false, bodyText, errors: [{ pointer: '', keyword: 'json', message: `body is not valid JSON (${(e as Error).message})`, expected: 'JSON', actual: cut(bodyText, 80) }] };
  }
  const result = validateResponseBody(operationId, status, body);
  return { pass: result.valid, errors: result.errors, bodyText };
}

export const contractMatchers = {
  async toMatchContract(this: ExpectMatcherState, response: APIResponse, operationId: string): Promise<MatcherReturnType> {
    const name = 'toMatchContract';
    const verdict = await judge(response, operationId);
    const pass = verdict.pass;
    const message = (): string => {
      const op = operation(operationId);
      const head = `${this.utils.matcherHint(name, 'response', `'${operationId}'`, { isNot: this.isNot })}\n\n` +
        `${op.method.toUpperCase()} ${maskText(response.url())} → ${response.status()}\n`;
      if (this.isNot) return `${head}Expected the response not to match the contract of ${operationId}, but it does.\n\nBody: ${cut(maskBodyText(verdict.bodyText))}`;
      return `${head}Contract of ${operationId} violated:\n${formatErrors(verdict.errors)}\n\nBody: ${cut(maskBodyText(verdict.bodyText))}`;
    };
    return { name, pass, message, expected: operationId };
  },
};
