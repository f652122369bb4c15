// The layers of the project, checked by dependency-cruiser (`npm run lint:layers`, part of `npm run lint` and so of
// `npm test`). This file is the picture of the architecture; docs/architecture.md draws the same layers.
//
//   products/ (findings, coverage, health, explore, traffic, bench, mutation, reports, embedded-mock)   ← on top
//        │  any layer below, and each other without cycles
//   tests/         on fixtures and the contract
//   fixtures/      on the contract and the suite's configuration
//   src/suite/     the suite's configuration, on the contract only
//   mock/          the mock tenant, on the contract only (never the mutation code, the tests or the self-tests)
//   src/contract/  the spec's validators, rules and generated types: imports nothing else of the project
//
// The root's Playwright configurations (playwright.config.ts, health.config.ts, merge.config.ts) compose a run
// from every layer; selftest/ checks every layer. Type-only imports count (tsPreCompilationDeps).

/** Project folders, as dependency-cruiser sees paths (relative to the root, forward slashes). */
const CONTRACT = '^src/contract/';
const SUITE = '^src/suite/';
const MOCK = '^mock/';
const FIXTURES = '^fixtures/';
const TESTS = '^tests/';
const PRODUCTS = '^products/';
const SELFTEST = '^selftest/';
/** The run's Playwright configurations at the root: the composition root of a run. */
const ROOT_CONFIGS = '^[^/]+[.]config[.]ts$';
/** Everything of the project (what is not a package or a node built-in). */
const PROJECT = [CONTRACT, SUITE, MOCK, FIXTURES, TESTS, PRODUCTS, SELFTEST, ROOT_CONFIGS];

/** A layer may import only the folders it names (and itself); every other project file is forbidden to it. */
const layer = (name, from, may, comment, extra = {}) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from, ...(extra.fromPathNot ? { pathNot: extra.fromPathNot } : {}) },
  to: { path: PROJECT, pathNot: [from, ...may] },
});

module.exports = {
  forbidden: [
    layer('contract-imports-nothing-else', CONTRACT, [],
      'The contract (spec, validators, rules, generated types) is the bottom layer: it imports no other part of the project.'),
    layer('suite-on-contract-only', SUITE, [CONTRACT],
      "The suite's configuration (settings, resilience, child environment) stands on the contract only."),
    layer('mock-on-contract-only', MOCK, [CONTRACT],
      'The mock tenant stands on the contract only: never on the suite, the fixtures, the tests or a product.'),
    layer('fixtures-on-contract-and-suite', FIXTURES, [CONTRACT, SUITE],
      "The fixtures stand on the contract and the suite's configuration."),
    layer('tests-on-fixtures', TESTS, [FIXTURES, CONTRACT],
      'The tests stand on the fixtures (and the contract, for its types and rule ids); never on the mock or a product.',
      { fromPathNot: '^tests/explore/' }),
    layer('exploration-test-on-explore', '^tests/explore/', [FIXTURES, CONTRACT, '^products/explore/'],
      'The exploration journey is the explore product run as a test of the suite: the one test that stands on a product, and on that one only.'),
    {
      name: 'mock-knows-no-mutants-or-tests',
      severity: 'error',
      comment: 'Mutants are built on the mock through its extension points (products/mutation/hooks.ts); the mock knows nothing of them, nor of any test.',
      from: { path: MOCK },
      to: { path: ['^products/mutation/', TESTS, SELFTEST] },
    },
    {
      name: 'products-not-on-tests',
      severity: 'error',
      comment: 'A product runs the tests (by path, through Playwright); it never imports a test or a self-test.',
      from: { path: PRODUCTS },
      to: { path: [TESTS, SELFTEST] },
    },
    {
      name: 'root-configs-only-from-configs',
      severity: 'error',
      comment: "The root's Playwright configurations sit above everything: only another configuration (a product's own, extending the suite's) or a self-test imports one.",
      from: { pathNot: [ROOT_CONFIGS, '^products/[^/]+/playwright[.]config[.]ts$', SELFTEST] },
      to: { path: ROOT_CONFIGS },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'Every module is imported by another, except what a command, Playwright or a path string starts: command lines (*.cli.ts), specs, configurations, reporters, global setups, servers and the generator.',
      from: {
        orphan: true,
        pathNot: [
          '[.]d[.]ts$',
          '[.]cli[.]ts$',
          '[.]spec[.]ts$',
          '(^|/)playwright[.]config[.]ts$',
          ROOT_CONFIGS,
          '(^|/)(reporter|timing-reporter|allure-merge-reporter)[.]ts$',
          '(^|/)global-setup[.]ts$',
          '^mock/server[.]ts$',
          '^products/mutation/(server|farm)[.]ts$',
          '^src/contract/generate-constants[.]ts$',
        ],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a broken path (after a move, say).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports are dependencies too: a type from a higher layer ties the layers as much as a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^reports/', '^test-results/', '^selftest/bench/tiny-run/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
