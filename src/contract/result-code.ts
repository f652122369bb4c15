// The result code of an answer: the documents call it resultCode, the saveSatisfaction/upload examples returnCode
// (ERRATA E3), and the CC-Gateway retcode.
export const RESULT_CODE_KEYS = ['resultCode', 'returnCode', 'retcode'] as const;

/** The first of resultCode / returnCode / retcode that is a string, in a parsed JSON body. */
export function resultCodeOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  for (const key of RESULT_CODE_KEYS) if (typeof b[key] === 'string') return b[key] as string;
  return undefined;
}
