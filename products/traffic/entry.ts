// One request and its answer as a traffic file holds it (HAR, a Newman run, a Postman export), in one shape the
// checks read. Nothing here is masked yet: the readers only decode; the checker registers and masks the secrets
// before anything is written.

export interface TrafficEntry {
  method: string;
  url: string;
  /** Header names in lower case (HTTP/2 pseudo-headers left out); repeated headers joined with ", ". */
  requestHeaders: Record<string, string>;
  /** The request body as text; undefined when the request has none. */
  requestBody?: string;
  /** The file holds the request body cut or not at all: the body is not checked. */
  requestBodyIncomplete?: boolean;
  /** The HTTP status; null when no answer came (aborted, refused connection, timeout). */
  status: number | null;
  responseHeaders: Record<string, string>;
  /** The answer's body as text ('' when empty). */
  responseBody: string;
  /** The answer's full size in bytes, as the file says (the text may be cut). */
  responseBytes: number;
  /** The file holds the answer's body cut or not at all: only the checks that need no body are made. */
  responseBodyIncomplete?: boolean;
  /** The sender sent the request unvalidated on purpose (a suite test's variant, negative or positive): what it changed. */
  variant?: string;
  /** A name the file gives the exchange (a Postman item, the suite's test title). */
  label?: string;
}

/** Headers given as name/value pairs, as one record with lower-case names. */
export function headerRecord(pairs: ReadonlyArray<{ name: string; value: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of pairs) {
    if (!name || name.startsWith(':')) continue;
    const key = name.toLowerCase();
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}

/** Bytes a body's text takes in UTF-8. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
