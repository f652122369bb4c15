// Which operations each test calls, read from the clean run's exchange records (reports/…/exchanges/*.jsonl), and
// the tests that can meet a mutant: those that made a call of one of its operations (operations.ts) of the kind its
// defect runs on (any call; or one the clean tenant refused, and where: its request check, its credential check).
// Stryker's coverage analysis with operations for code: the fast mode of `npm run mutation` runs each mutant against
// these tests only.
import { writeFileSync } from 'node:fs';
import { isFailure, readExchanges, type ExchangeRecord } from '../../src/contract/exchange.js';
import { SCHEMES, type Scheme } from '../../src/contract/schemes.js';
import type { Touch } from './operations.js';

/** One call a test made in the clean run, and how the clean tenant answered it. */
export interface Call {
  operationId: string;
  /** Refused: no answer, a status outside 2xx, or a result code other than "0". */
  refused: boolean;
  /** Refused by the request check: HTTP 400, or a negative test's malformed, missing or out-of-bounds input. */
  invalid: boolean;
  /** Refused by the credential check: HTTP 401, or a negative test's withheld or wrong credential. */
  unauthorized: boolean;
  /** The credential a negative test withheld or garbled (its variant `credential:<how>:<scheme>`). */
  scheme?: Scheme;
}

/** Negative variants that are not about the body or the parameters (exchange.ts: `variant`). */
const NOT_INPUT = /^(credential|method|positive|token):/;

/** How the clean tenant answered a recorded call. */
export function callOf(r: ExchangeRecord): Call {
  const refused = isFailure(r);
  const variant = r.variant ?? '';
  const named = /^credential:[^:]+:(.+)$/.exec(variant)?.[1];
  const scheme = SCHEMES.find((s) => s === named);
  return {
    operationId: r.operationId!,
    refused,
    invalid: refused && (r.status === 400 || (variant !== '' && !NOT_INPUT.test(variant))),
    unauthorized: refused && (r.status === 401 || variant.startsWith('credential:')),
    ...(scheme ? { scheme } : {}),
  };
}

/** A test of the clean run and the calls it made. */
export interface TestCalls {
  /** `file › describe › title`, the file relative to the test directory: a line of a Playwright --test-list. */
  id: string;
  calls: Call[];
}

/** The tag of the bounded exploration (tests/explore/): its calls come from its seed, not from a fixed test. */
export const EXPLORE_TAG = '@explore';

/**
 * The calls of each fixed test (requests outside a test, e.g. global setup's token, belong to every run anyway). The
 * bounded exploration is left out: it calls everything, in orders its seed picks, so a focused run would always
 * select it; the whole-suite runs meet it, and the mutants only it kills meet an exploration of their own.
 */
export function coverageOf(records: Iterable<ExchangeRecord>): Map<string, TestCalls> {
  const tests = new Map<string, TestCalls>();
  const seen = new Map<string, Set<string>>();
  for (const r of records) {
    if (!r.test || !r.operationId || r.test.tags.includes(EXPLORE_TAG)) continue;
    const id = [r.test.file, ...r.test.titlePath].join(' › ');
    let t = tests.get(id);
    if (!t) tests.set(id, (t = { id, calls: [] }));
    const call = callOf(r);
    const key = JSON.stringify(call);
    const keys = seen.get(id) ?? new Set<string>();
    seen.set(id, keys);
    if (!keys.has(key)) {
      keys.add(key);
      t.calls.push(call);
    }
  }
  return tests;
}

/** The coverage of a run from its reports directory's exchange records. */
export function coverageOfRun(exchangesDir: string): Map<string, TestCalls> {
  return coverageOf(readExchanges(exchangesDir));
}

/** Does this call run the mutant's defect? */
export function meets(touch: Touch, call: Call): boolean {
  if (!touch.operations.includes(call.operationId)) return false;
  switch (touch.calls) {
    case 'any': return true;
    case 'refused': return call.refused;
    case 'invalid': return call.invalid;
    // A call that withheld or garbled another scheme's credential never reaches this scheme's defect; one that
    // withheld or garbled any never reaches a defect that accepts a live credential.
    case 'unauthorized': return call.unauthorized && (touch.credential === undefined || call.scheme === undefined
      || (touch.credential !== 'live' && call.scheme === touch.credential));
  }
}

/** The tests that can meet the mutant, in the order of the coverage. */
export function testsMeeting(coverage: ReadonlyMap<string, TestCalls>, touch: Touch): string[] {
  return [...coverage.values()].filter((t) => t.calls.some((c) => meets(touch, c))).map((t) => t.id);
}

/**
 * A Playwright --test-list file of these tests (one `file › describe › title` a line). Titles are taken as they are:
 * a title with " › " in it would not round-trip, so the caller checks that every id is one line of three or more
 * parts (testListable).
 */
export function writeTestList(file: string, ids: readonly string[]): void {
  writeFileSync(file, `# tests that can meet the mutant (mutation/coverage.ts)\n${ids.join('\n')}\n`);
}

/** An id a test list can carry: no line break, no leading '#' or '[' (a comment, a project). */
export const testListable = (id: string): boolean => !/[\r\n]/.test(id) && !/^[#[]/.test(id.trim());
