// What a mutant touches: the operations whose calls run its defect, and which of those calls (any, or only the ones
// the clean tenant refuses). The fast mode of `npm run mutation` runs, for each mutant, only the tests that made such
// a call in the clean run (coverage.ts), the way Stryker runs only the tests that cover a mutant.
//
// Where the hook names its operation the set is derived: a handler wrapper's operationId, an extra route's, a
// response hook made with `on()`, the operations an auth or token mutant's credential secures. Elsewhere the
// catalogue states `operations` (selftest/mutation/mutants.spec.ts checks that each mutant's probe calls one of them).
import { operations as specOperations } from '../../src/contract/contract.js';
import type { CallsMet, Mutation, Scheme, Seam } from './types.js';

export interface Touch {
  /** operationIds, sorted. */
  operations: string[];
  calls: CallsMet;
  /**
   * unauthorized calls, narrowed by the credential a negative test withheld or garbled (coverage.ts `Call.scheme`):
   * a scheme: none, or that one (an auth mutant that ignores that scheme's check); 'live': none, i.e. a live
   * credential refused (expired, of another kind, another customer's), what a mutant that accepts one meets.
   */
  credential?: Scheme | 'live';
  /** True when the hook named the operations (nothing stated in the catalogue). */
  derived: boolean;
}

/** A response hook that says which operation it rewrites (`on()` in catalogue/helpers.ts makes them). */
export interface NamedHook {
  operations?: readonly string[];
}

/**
 * The calls a seam's defect runs on, where only some do: a request problem let through (the request check refused
 * it), a credential the check refused, an expired token, a method the operation does not document (refused as not
 * found). The other seams change calls the clean tenant accepts too.
 */
const CALLS_OF_SEAM: Readonly<Partial<Record<Seam, CallsMet>>> = { request: 'invalid', auth: 'unauthorized', token: 'unauthorized', routing: 'refused' };

/** The operations a credential scheme secures (any security alternative that names it). */
export function securedBy(scheme: Scheme): string[] {
  return [...specOperations().values()].filter((op) => op.security.some((alt) => scheme in alt)).map((op) => op.operationId);
}

/** The operations the hook itself names, or undefined when it does not. */
export function derivedOperations(m: Mutation): string[] | undefined {
  if (m.handlers) return Object.keys(m.handlers);
  if (m.extraRoutes) return m.extraRoutes.map((r) => r.operationId);
  if (m.ignoreCredential) return securedBy(m.ignoreCredential);
  // acceptCredential and the token seam act on the API Fabric AccessToken (hooks.ts wraps only that check).
  if (m.acceptCredential || m.tokensNeverExpire) return securedBy('fabricToken');
  const named = (m.response as NamedHook | undefined)?.operations;
  return named ? [...named] : undefined;
}

/** The mutant's touch; throws when neither the hook nor the catalogue names an operation, or one is unknown. */
export function touchOf(name: string, m: Mutation): Touch {
  const known = [...specOperations().keys()];
  const derived = derivedOperations(m);
  const stated = m.operations === '*' ? known : m.operations;
  const ops = stated ?? derived;
  if (!ops?.length) throw new Error(`mutant ${name}: no operations: state them in the catalogue (operations: [...])`);
  const unknown = ops.filter((o) => !known.includes(o));
  if (unknown.length) throw new Error(`mutant ${name}: operations not in the spec: ${unknown.join(', ')}`);
  const calls = m.calls ?? CALLS_OF_SEAM[m.seam] ?? 'any';
  const credential = calls !== 'unauthorized' ? undefined : m.ignoreCredential ?? (m.acceptCredential || m.tokensNeverExpire ? 'live' : undefined);
  return { operations: [...new Set(ops)].sort(), calls, ...(credential ? { credential } : {}), derived: stated === undefined };
}

/** "send, poll (refused calls)" */
export function describeTouch(t: Touch, all = specOperations().size): string {
  const ops = t.operations.length === all ? 'every operation' : t.operations.join(', ');
  const whose = t.credential === 'live' ? ', a live credential' : t.credential ? ` of ${t.credential}` : '';
  return `${ops}${t.calls === 'any' ? '' : ` (${t.calls} calls${whose})`}`;
}
