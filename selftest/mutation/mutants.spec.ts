// The mutant catalogue (products/mutation/catalogue.ts): each mutant really changes what the mock answers (its probe fails),
// the clean mock does not (every probe passes), the catalogue spreads over the areas the suite must guard, each
// mutant is exactly one extension point of the mock, its operations (what the fast mode selects tests by) are the
// spec's and its probe calls one of them, and an unknown MOCK_MUTATION is a start error that lists the valid names.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { EXTENSION_POINTS } from '../../mock/behaviour/extensions.js';
import { buildMutantApp } from '../../products/mutation/app.js';
import { MUTATION_NAMES, MUTATIONS, type MutationName } from '../../products/mutation/catalogue.js';
import { meets } from '../../products/mutation/coverage.js';
import { EXTENSION_OF_SEAM, mutantExtensions } from '../../products/mutation/hooks.js';
import { derivedOperations, describeTouch, touchOf } from '../../products/mutation/operations.js';
import { splitMutation } from '../../products/mutation/selection.js';
import type { Mutation } from '../../products/mutation/types.js';
import { manualClock, mockApp, MOCK_APP_DEFAULTS, type App } from '../mock/helpers.js';
import { recordCalls } from './probe-calls.js';
import { PROBES } from './probes.js';

async function appFor(mutation: MutationName | undefined, kind: 'manual-clock' | undefined): Promise<{ app: App; clock?: ReturnType<typeof manualClock> }> {
  const clock = kind === 'manual-clock' ? manualClock() : undefined;
  const options = clock ? { now: clock.now } : {};
  if (!mutation) return { app: await mockApp(options), clock };
  const app = buildMutantApp(mutation, { ...MOCK_APP_DEFAULTS, ...options });
  await app.ready();
  return { app, clock };
}

test.describe('mutant catalogue', () => {
  test('every mutant has a probe and every probe a mutant', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...MUTATION_NAMES].sort());
  });

  test('at least 30 mutants run, spread over every area the suite must guard', () => {
    const running = Object.values(MUTATIONS).filter((m: Mutation) => !m.dropped);
    expect(running.length).toBeGreaterThanOrEqual(30);
    const areas = new Set(running.map((m) => m.area));
    for (const area of ['response', 'status', 'auth', 'isolation', 'delivery', 'files', 'rules', 'acceptance', 'server-error', 'token']) expect(areas, area).toContain(area);
    const ignored = new Set(running.map((m: Mutation) => m.ignoreCredential).filter(Boolean));
    expect([...ignored].sort(), 'each kind of credential ignored').toEqual(['agentGuid', 'appKey', 'ccmessagingToken', 'fabricToken']);
  });

  test('each mutant names its rule and what it does, and uses exactly the hook of its seam', () => {
    const hooks: Record<string, Array<keyof Mutation>> = {
      handler: ['handlers'], auth: ['ignoreCredential', 'acceptCredential'], request: ['request'], routing: ['extraRoutes'],
      delivery: ['deliver', 'take'], token: ['tokensNeverExpire'], response: ['response'],
    };
    const allHooks = Object.values(hooks).flat();
    for (const [name, m] of Object.entries(MUTATIONS) as Array<[string, Mutation]>) {
      expect(m.rule.length, `${name} rule`).toBeGreaterThan(10);
      expect(m.how.length, `${name} how`).toBeGreaterThan(10);
      const used = allHooks.filter((h) => m[h] !== undefined);
      expect(used.length, `${name} uses one hook`).toBe(1);
      expect(hooks[m.seam], `${name}: hook ${used[0]} belongs to seam ${m.seam}`).toContain(used[0]);
      if (m.handlers) expect(Object.keys(m.handlers).length, `${name} wraps one handler`).toBe(1);
    }
  });

  test('each mutant breaks a rule of a stated strength; a guidance one says where its rule comes from', () => {
    for (const [name, m] of Object.entries(MUTATIONS) as Array<[string, Mutation]>) {
      expect(['refuse', 'guidance', undefined], `${name} strength`).toContain(m.strength);
      if (m.strength === 'guidance') expect(m.rule, `${name}: a guidance rule names its source`).toMatch(/facts|not mandatory|example|spec choice|ERRATA/);
    }
    expect(Object.values(MUTATIONS).filter((m: Mutation) => m.strength === 'guidance').length, 'the guidance mutants').toBeGreaterThanOrEqual(8);
  });

  test('each mutant touches operations of the spec: named by its hook, stated in the catalogue only where the hook does not name them', () => {
    for (const [name, m] of Object.entries(MUTATIONS) as Array<[string, Mutation]>) {
      const touch = touchOf(name, m);
      expect(touch.operations.length, `${name}: ${describeTouch(touch)}`).toBeGreaterThan(0);
      if (derivedOperations(m)) expect(m.operations, `${name}: its hook names its operations`).toBeUndefined();
    }
    expect(touchOf('ignore-app-key', MUTATIONS['ignore-app-key'])).toMatchObject({ calls: 'unauthorized', credential: 'appKey', derived: true });
    expect(touchOf('expired-token-accepted', MUTATIONS['expired-token-accepted'])).toMatchObject({ calls: 'unauthorized', credential: 'live', derived: true });
    expect(touchOf('file-truncated', MUTATIONS['file-truncated'])).toEqual({ operations: ['downloadFileStream'], calls: 'any', derived: true });
    expect(() => touchOf('x', { area: 'rules', seam: 'request', rule: 'r', how: 'h', request: () => undefined })).toThrow(/no operations/);
    expect(() => touchOf('x', { area: 'rules', seam: 'request', rule: 'r', how: 'h', operations: ['nope' as never], request: () => undefined })).toThrow(/not in the spec: nope/);
  });

  test('each mutant is exactly the one extension point of its seam', () => {
    for (const [name, m] of Object.entries(MUTATIONS) as Array<[string, Mutation]>) {
      const points = Object.keys(mutantExtensions(m));
      expect(points, name).toEqual([EXTENSION_OF_SEAM[m.seam]]);
      expect(EXTENSION_POINTS, name).toContain(points[0]);
    }
  });

  test('the mock knows nothing of mutants: no file under mock/ mentions the mutation layer', () => {
    const root = new URL('../../mock/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(readFileSync(new URL(f, root), 'utf8'), f).not.toMatch(/mutation|mutant/i);
  });

  test('--mutation (over MOCK_MUTATION) names the mutant; the mock\'s own settings never see it; an unknown name lists the valid ones', () => {
    expect(splitMutation(['--port=1', '--mutation=reorder-messages'], { MOCK_MUTATION: 'file-truncated', MOCK_SEED: 's' }))
      .toEqual({ name: 'reorder-messages', argv: ['--port=1'], env: { MOCK_SEED: 's' } });
    expect(splitMutation(['--mutation', 'file-truncated'], {})).toMatchObject({ name: 'file-truncated', argv: [] });
    expect(splitMutation([], { MOCK_MUTATION: '' }).name).toBeUndefined();
    expect(() => buildMutantApp('no-such-mutant', { env: {}, logLevel: 'silent' })).toThrow(/unknown mutation "no-such-mutant"; valid names: .*reorder-messages/);
  });

  test('the mutant entry point refuses an unknown MOCK_MUTATION at start, naming the valid ones', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'products/mutation/server.ts'], { env: { ...process.env, MOCK_MUTATION: 'no-such-mutant', MOCK_PORT: '0' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown mutation "no-such-mutant"; valid names:');
    for (const name of MUTATION_NAMES) expect(r.stderr).toContain(name);
  });
});

test.describe('each mutant changes what the mock does; the clean mock keeps every rule', () => {
  for (const name of MUTATION_NAMES) {
    const probe = PROBES[name];
    const dropped = (MUTATIONS[name] as Mutation).dropped;
    test(`${name}: ${probe.checks}${dropped ? ' (dropped: only the mock\'s state shows it)' : ''}`, async () => {
      const clean = await appFor(undefined, probe.app);
      const mutant = await appFor(name, probe.app);
      try {
        const calls = recordCalls(clean.app);
        expect(await probe.holds(clean.app, clean.clock), 'the clean mock keeps the rule').toBe(true);
        expect(await probe.holds(mutant.app, mutant.clock), `MOCK_MUTATION=${name} breaks the rule`).toBe(false);
        const touch = touchOf(name, MUTATIONS[name] as Mutation);
        expect(calls.some((c) => meets(touch, c)), `the probe meets what ${name} touches (${describeTouch(touch)}); its calls: ${JSON.stringify(calls)}`).toBe(true);
      } finally {
        await Promise.all([clean.app.close(), mutant.app.close()]);
      }
    });
  }
});
