// An answer as the model reads it: the status, the result code and the body. The checks every answer meets (no 5xx,
// a documented status, JSON, the schema, the read limit) are the client's (src/contract/answer-checks.ts): their
// observations, each with the strength of its rule, go to the exploration's verdicts here, warnings first, so a
// failure ends the run with every warning of its answer kept.
import { observationsOf, type Reply } from '../../fixtures/client.js';
import { resultCodeOf } from '../../src/contract/result-code.js';
import type { Verdicts } from './verdict.js';

export interface Judged {
  status: number;
  /** resultCode / returnCode / retcode, when the body has one. */
  code?: string;
  body: unknown;
}

/** Takes one answer's observations (a failure throws) and reads it. */
export async function judged(verdicts: Verdicts, response: Reply): Promise<Judged> {
  const found = [...observationsOf(response)].sort((a, b) => (a.verdict === b.verdict ? 0 : a.verdict === 'warn' ? -1 : 1));
  for (const o of found) verdicts.observe(o);
  const text = (await response.body()).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch { /* not JSON: the answer checks said so where JSON is documented */ }
  return { status: response.status(), code: resultCodeOf(body), body };
}
