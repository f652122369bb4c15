// The lenient tenant's request readings: values the spec's rule table marks guidance (an example list, a fact, a
// choice of the spec) taken as lawful, and refusals given in the other documented form (HTTP 200 with the
// operation's parameter-error code where the default answers 400, and 400 where it answers that code).
import type { ContractError } from '../../../src/contract/validators.js';
import { badRequest, describeErrors, ok, result, type AnyReply } from '../../http/errors.js';
import type { OperationId } from '../../handlers/types.js';
import { PARAMETER_ERROR_CODES, type RequestProblem } from '../../http/request-check.js';
import { documentedProblemAnswer } from '../../http/routes.js';
import { DEFAULT_ALLOWANCES, fieldOf } from './default.js';
import type { Allowance } from './let-through.js';

/** A rule the lenient tenant reads otherwise: where (any operation unless named), which keyword, and the reading. */
const reading = (where: string, keyword: string, ops: OperationId[] | 'any', what: string): Allowance => ({
  matches: (e: ContractError, operationId: OperationId) => e.pointer === where && e.keyword === keyword && (ops === 'any' || ops.includes(operationId)),
  note: (errors) => `took ${fieldOf(where)} ${JSON.stringify(errors[0].actual ?? '(absent)')}: ${what}`,
});

/** Each with the guidance rule it reads otherwise (openapi/ERRATA.md, Rule strengths). */
export const LENIENT_READINGS: readonly Allowance[] = [
  reading('/body/channel', 'enum', 'any', 'the tables give WEB as an example'),
  reading('/query/channel', 'enum', 'any', 'the tables give WEB as an example'),
  reading('/body/mediaType', 'enum', ['send'], 'table 7-2 says "such as" TEXT'),
  reading('/body/multiMedia', 'enum', ['downloadFileStream'], 'a field of the facts only'),
  reading('/body/timestamp', 'pattern', ['send'], 'table 7-2 gives no format'),
  reading('/body/from', 'minLength', ['send', 'feedbackSatisfaction'], 'the user is the ccmessaging-token\'s'),
  reading('/header/X-Token-Expire', 'maximum', ['tokenByAkSk'], 'clamped to 3600 seconds'),
  reading('/body/phonenum', 'required', ['agentSignIn'], 'sign-in is not in the four documents'),
  reading('/body/status', 'enum', ['agentSignIn'], 'sign-in is not in the four documents'),
  reading('/body/agenttype', 'enum', ['agentSignIn'], 'sign-in is not in the four documents'),
];

export const LENIENT_ALLOWANCES: readonly Allowance[] = [...DEFAULT_ALLOWANCES, ...LENIENT_READINGS];

/**
 * The other documented form of a refusal: where the operation documents a parameter-error code, a request the
 * default refuses with 400 gets HTTP 200 with that code, and one it answers with the code gets 400. Elsewhere (no
 * code, the CC-Gateway) the documented answer.
 */
export function otherRefusal(operationId: OperationId, problem: RequestProblem): AnyReply {
  const documented = documentedProblemAnswer(operationId, problem);
  const code = PARAMETER_ERROR_CODES[operationId];
  if (!code || !(documented.status === 400 || documented.status === 200)) return documented;
  const why = `Parameter error: ${describeErrors(problem.errors)}`;
  return documented.status === 400 ? ok(result(code, why)) : badRequest(why);
}
