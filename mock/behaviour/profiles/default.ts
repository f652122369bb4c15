// The default profile: the mock takes every request the four documents allow, even where the spec's own choices
// (closed request objects, `from` equal to the token's user, the configured agent phone) would refuse it. A field
// the documents do not list is ignored, a body sent to an operation that takes none is ignored, and `from` is the
// ccmessaging-token's user whatever the body says; X-Mock-Note tells the client what was let go. What the documents
// forbid keeps its documented answer. MOCK_STRICT_REQUESTS=1 swaps this for the strict profile (strict.ts).
import { operation } from '../../../src/contract/contract.js';
import type { MockExtensions } from '../extensions.js';
import { HANDLERS } from '../../handlers/index.js';
import { clientOf } from '../../handlers/types.js';
import { quoted, withNote } from '../../http/notes.js';
import { lettingThrough, type Allowance } from './let-through.js';

/** The last segment of an error's pointer (/body/transData → transData). */
export const fieldOf = (pointer: string): string => pointer.split('/').pop() ?? pointer;

/** "The documents list the fields they know; nowhere do they say a tenant refuses others" (ERRATA, Rule strengths). */
export const UNKNOWN_FIELDS: Allowance = {
  matches: (e) => e.keyword === 'additionalProperties',
  note: (errors) => `ignored unknown field${errors.length > 1 ? 's' : ''} ${quoted(errors.map((e) => fieldOf(e.pointer)))}`,
};

/** A body (even one that is not JSON) on an operation that documents none: it has nothing to read in it. */
export const BODY_WHERE_NONE: Allowance = {
  matches: (e, operationId) => !operation(operationId).requestSchemaPointer && (e.pointer === '' || e.pointer === '/body') && (e.keyword === 'json' || (e.keyword === 'requestBody' && e.actual !== undefined)),
  note: (_errors, operationId) => `ignored the request body (${operationId} takes none)`,
};

export const DEFAULT_ALLOWANCES: readonly Allowance[] = [UNKNOWN_FIELDS, BODY_WHERE_NONE];

export const DEFAULT_PROFILE: MockExtensions = {
  onRequestProblem: lettingThrough(DEFAULT_ALLOWANCES),
  handlers: {
    // The handler acts as the token's user; the note says when `from` named someone else.
    send: async (ctx) => {
      const user = clientOf(ctx).userId;
      const r = await HANDLERS.send(ctx);
      return ctx.body.from === user ? r : withNote(r, `acted as the ccmessaging-token's user; "from" ${JSON.stringify(ctx.body.from)} ignored`);
    },
  },
};
