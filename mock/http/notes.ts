// X-Mock-Note: what the mock let go of a lawful request that it does not act on as sent (an unknown field ignored,
// a body where the operation takes none, `from` taken from the ccmessaging-token), told to the client in a response
// header instead of a refusal. The suite's exchange records keep response headers, so the note travels with them.
import type { AnyReply } from './errors.js';

export const NOTE_HEADER = 'X-Mock-Note';
const MAX_NOTE = 500;

/** One header line: printable ASCII, bounded. */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_NOTE);

/** `reply` with `note` added to its X-Mock-Note (notes of one request are joined with "; "). */
export function withNote<R extends AnyReply>(reply: R, note: string | undefined): R {
  if (!note) return reply;
  const earlier = reply.headers?.[NOTE_HEADER];
  return { ...reply, headers: { ...reply.headers, [NOTE_HEADER]: headerSafe(earlier ? `${earlier}; ${note}` : note) } };
}

/** `"a", "b"`: field names as a note names them. */
export const quoted = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ');
