// The result code of an answer: the documents call it resultCode, the saveSatisfaction/upload examples returnCode
// (ERRATA E3), and the CC-Gateway retcode.
export const RESULT_CODE_KEYS = ['resultCode', 'returnCode', 'retcode'] as const;

/**
 * The first of resultCode / returnCode / retcode that is a string, in a parsed JSON body. With `numbers`, a numeric
 * code counts too (a numeric non-"0" code is still a refusal, and a contract violation the answer checks report).
 */
export function resultCodeOf(body: unknown, options: { numbers?: boolean } = {}): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  for (const key of RESULT_CODE_KEYS) {
    const v = b[key];
    if (typeof v === 'string') return v;
    if (options.numbers && typeof v === 'number') return String(v);
  }
  return undefined;
}
