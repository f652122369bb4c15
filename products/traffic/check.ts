// Checks a client's traffic against the contract: each exchange of a documented operation is one "test" of the
// findings report; its request meets the request checks (the client's side), its answer the answer checks every
// answer in the suite meets (the tenant's side), and a 400 to a request that breaks no rule is the tenant's refusal
// of what the documents allow. Entries of other hosts, CORS preflights and this API's undocumented paths are counted,
// not judged.
import { checkAnswer } from '../../src/contract/answer-checks.js';
import type { Contract } from '../../src/contract/contract.js';
import { toCurl, toRecord } from '../../src/contract/exchange.js';
import { signatureOf, verdictOf, type Observation } from '../../src/contract/findings.js';
import { maskText } from '../../src/contract/secrets.js';
import type { OperationInfo } from '../../src/contract/spec.js';
import type { TestOutcome } from '../findings/model.js';
import type { TrafficEntry } from './entry.js';
import { checkRequest } from '../../src/contract/request-checks.js';
import { Router } from './route.js';

export interface TrafficOptions {
  contract: Contract;
  /** Warnings become failures (and the contract's response objects are closed when it was built strict). */
  strict: boolean;
  /** Answers larger than this are not parsed (CEC_MAX_RESPONSE_BYTES). */
  maxBytes: number;
  /** Judge the requests of the suite's test variants (sent unvalidated on purpose) like any other. */
  judgeVariants?: boolean;
}

export interface TrafficTally {
  entries: number;
  /** Exchanges of a documented operation: the "tests" of the report. */
  checked: number;
  byOperation: Record<string, number>;
  /** Not this API (another host's pages, scripts, calls). */
  otherHosts: number;
  /** CORS preflights the browser sent on its own. */
  preflights: number;
  /** Under this API's roots, but no documented operation (masked METHOD URL). */
  undocumented: string[];
  /** Requests of the suite's test variants, and how many of them the request checks found breaking a rule. */
  variants: number;
  variantsBreaking: number;
  /** Requests that got no answer, and answers whose body the file does not hold (only the checks without it made). */
  noAnswer: number;
  bodyNotInFile: number;
}

export interface TrafficResult {
  outcomes: TestOutcome[];
  tally: TrafficTally;
}

/**
 * A request that breaks no rule refused with the HTTP 400 its operation documents ("syntax errors", seed 000 §1.2.2;
 * "check the request path and parameters"): the tenant's doing. A 400 the operation does not document is the answer
 * checks' undocumented-status finding already.
 */
function refusesValid(c: Contract, op: OperationInfo, strict: boolean): Omit<Observation, 'exchange'> {
  const r = c.rules.exchangeRule('refuses-valid', op);
  const o = { operationId: op.operationId, check: 'refuses-valid' as const, rule: 'a request that meets every documented rule is not refused with HTTP 400', source: r.source, ...(r.why ? { why: r.why } : {}), strength: r.strength, message: 'HTTP 400 to a request that breaks no rule of the spec' };
  return { ...o, verdict: verdictOf(r.strength, strict), signature: signatureOf({ ...o, rule: 'HTTP 400' }) };
}

function exchangeOf(e: TrafficEntry, op: OperationInfo): NonNullable<Observation['exchange']> {
  const record = toRecord({
    operationId: op.operationId, raw: e.variant !== undefined, ...(e.variant ? { variant: e.variant } : {}), method: e.method, url: e.url,
    startedAt: Date.now(), durationMs: 0, status: e.status, requestHeaders: e.requestHeaders, requestBody: e.requestBody,
    responseHeaders: e.responseHeaders, responseBody: Buffer.from(e.responseBody, 'utf8'),
  }, { workerIndex: 0, pid: process.pid });
  return { method: e.method, url: maskText(e.url), status: e.status, curl: toCurl(record) };
}

/** Every check of every entry. Secrets must be registered first (registerSecretsOf): names and messages are masked. */
export function checkTraffic(entries: readonly TrafficEntry[], options: TrafficOptions): TrafficResult {
  const c = options.contract;
  const router = new Router(c);
  const tally: TrafficTally = { entries: entries.length, checked: 0, byOperation: {}, otherHosts: 0, preflights: 0, undocumented: [], variants: 0, variantsBreaking: 0, noAnswer: 0, bodyNotInFile: 0 };
  const outcomes: TestOutcome[] = [];
  entries.forEach((e, i) => {
    const route = router.route(e.method, e.url, e.requestHeaders);
    if (route.kind === 'other') return void tally.otherHosts++;
    if (route.kind === 'preflight') return void tally.preflights++;
    if (route.kind === 'undocumented') return void tally.undocumented.push(maskText(`${e.method} ${e.url}`));
    const { op, url } = route;
    tally.checked++;
    tally.byOperation[op.operationId] = (tally.byOperation[op.operationId] ?? 0) + 1;

    const request = checkRequest(c, {
      operationId: op.operationId, method: e.method, query: Object.fromEntries(url.searchParams), headers: e.requestHeaders, pathParams: route.pathParams,
      ...(e.requestBody !== undefined ? { bodyText: e.requestBody } : {}), ...(e.requestBodyIncomplete ? { bodyIncomplete: true } : {}),
    }, { strict: options.strict });
    if (e.variant !== undefined) {
      tally.variants++;
      if (request.length) tally.variantsBreaking++;
    }
    const judged = e.variant === undefined || options.judgeVariants;
    const observations: Array<Omit<Observation, 'exchange'>> = judged ? [...request] : [];

    if (e.status === null) tally.noAnswer++;
    else {
      let answer = checkAnswer(c, {
        operationId: op.operationId, method: e.method, url: maskText(e.url), status: e.status, headers: e.responseHeaders,
        bodyText: e.responseBody.slice(0, options.maxBytes), bodyBytes: e.responseBytes,
      }, { strict: options.strict, maxBytes: options.maxBytes });
      if (e.responseBodyIncomplete) {
        tally.bodyNotInFile++;
        answer = answer.filter((o) => o.check !== 'json' && o.check !== 'schema');
      }
      observations.push(...answer);
      if (e.status === 400 && op.statuses.includes('400') && e.variant === undefined && !request.length) observations.push(refusesValid(c, op, options.strict));
    }

    const exchange = observations.length ? exchangeOf(e, op) : undefined;
    outcomes.push({
      name: `#${i + 1} ${e.method} ${url.pathname}${e.label ? ` (${e.label})` : ''}`,
      status: observations.some((o) => o.verdict === 'fail') ? 'failed' : 'passed',
      observations: observations.map((o) => ({ ...o, exchange })),
      errors: [],
      operationIds: [op.operationId],
    });
  });
  return { outcomes, tally };
}
