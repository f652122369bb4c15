// The only body parser: JSON.parse on the raw text, nothing coerced, stripped or defaulted. A body that is not JSON
// (or not declared as JSON) is not an error here: it becomes an UnparsableBody, so the pipeline can authenticate
// first and then answer it the way the operation answers any malformed request.
import type { FastifyInstance } from 'fastify';
import { UnparsableBody } from './request-check.js';

/** Large enough for a 2 MB file in base64 plus room to test what lies beyond. */
export const BODY_LIMIT = 8 * 1024 * 1024;

export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, text, done) => {
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const raw = String(text);
    if (type !== 'application/json') return done(null, new UnparsableBody(`Content-Type must be application/json, not "${type || '(none)'}"`));
    if (raw.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(raw));
    } catch (e) {
      done(null, new UnparsableBody(`malformed JSON: ${(e as Error).message}`));
    }
  });
}
