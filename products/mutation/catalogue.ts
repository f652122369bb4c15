// The catalogue of mutants (MOCK_MUTATION=<name>, `npm run mutation`): each breaks exactly one documented rule and
// leaves everything else correct. The entries live by area in catalogue/; the order here is the order of the
// listing and the report. A mutant with `dropped` set breaks a rule no client can observe through the documented
// API; `npm run mutation` lists it with the reason instead of running it.
import { ACCEPTANCE_MUTANTS } from './catalogue/acceptance.js';
import { AUTH_MUTANTS } from './catalogue/auth.js';
import { DELIVERY_MUTANTS } from './catalogue/delivery.js';
import { DROPPED_MUTANTS } from './catalogue/dropped.js';
import { EXPLORATION_MUTANTS } from './catalogue/exploration.js';
import { FILE_MUTANTS } from './catalogue/files.js';
import { ISOLATION_MUTANTS } from './catalogue/isolation.js';
import { ORDER_MUTANTS } from './catalogue/order.js';
import { RESPONSE_MUTANTS } from './catalogue/response.js';
import { RULE_MUTANTS } from './catalogue/rules.js';
import { SERVER_ERROR_MUTANTS } from './catalogue/server-error.js';
import { STATUS_MUTANTS } from './catalogue/status.js';
import { TOKEN_MUTANTS } from './catalogue/token.js';
import type { Mutation } from './types.js';

export const MUTATIONS = {
  ...RESPONSE_MUTANTS,
  ...STATUS_MUTANTS,
  ...AUTH_MUTANTS,
  ...ISOLATION_MUTANTS,
  ...DELIVERY_MUTANTS,
  ...FILE_MUTANTS,
  ...RULE_MUTANTS,
  ...ACCEPTANCE_MUTANTS,
  ...SERVER_ERROR_MUTANTS,
  ...TOKEN_MUTANTS,
  ...EXPLORATION_MUTANTS,
  ...ORDER_MUTANTS,
  ...DROPPED_MUTANTS,
} satisfies Record<string, Mutation>;

export type MutationName = keyof typeof MUTATIONS;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name);
}

/** The mutant of that name; throws naming the valid ones otherwise. */
export function mutationNamed(name: string): Mutation {
  if (!isMutationName(name)) throw new Error(unknownMutation(name));
  return MUTATIONS[name];
}

export function unknownMutation(name: string): string {
  return `unknown mutation "${name}"; valid names: ${MUTATION_NAMES.join(', ')}`;
}
