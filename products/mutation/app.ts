// buildMutantApp: the mock tenant (mock/app.ts) with one mutant's extension points, testable with app.inject.
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../mock/app.js';
import { mutationNamed } from './catalogue.js';
import { mutantExtensions } from './hooks.js';

/** The mock as mutant `name` (an unknown name throws, listing the valid ones). */
export function buildMutantApp(name: string, options: Omit<AppOptions, 'extensions'> = {}): FastifyInstance {
  return buildApp({ ...options, extensions: mutantExtensions(mutationNamed(name)) });
}
