// The layer rules (.dependency-cruiser.cjs, `npm run lint:layers`) really run and really fail: dependency-cruiser
// over a copy of the tree fails once a lower layer imports a higher one — a value import from the contract into the
// mock's settings, a type-only one from the mock into the mutation code — each told by its rule's name, and those
// probes are all it reports: the tree as it is keeps every rule. One run of the check (it costs ~4 CPU-seconds; that
// it passes, exit 0, on the tree as it is is `npm test`'s own lint). A copy, so the probes never show up in the tree
// the other self-tests read.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
/** The arguments of `npm run lint:layers`, so this checks what `npm test` checks. */
const ARGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts['lint:layers']!.split(/\s+/).slice(1);

let copy = '';
test.beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'cec-layers-'));
  const top = ['src', 'mock', 'fixtures', 'tests', 'products', 'selftest', 'openapi', 'package.json', 'tsconfig.json',
    '.dependency-cruiser.cjs', 'playwright.config.ts', 'health.config.ts', 'merge.config.ts'];
  for (const name of top) cpSync(join(ROOT, name), join(copy, name), { recursive: true, filter: (f) => !f.includes('tiny-run') });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
test.afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** One run of the check on the copy: its exit status and what it printed, without colours. */
const cruise = (): { status: number | null; out: string } => {
  const r = spawnSync(process.execPath, [DEPCRUISE, ...ARGS], { cwd: copy, encoding: 'utf8', timeout: 90_000, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
};

test('an import from a lower layer to a higher one fails the check, named by its rule, type-only imports included; nothing else in the tree does', () => {
  writeFileSync(join(copy, 'src/contract/layer-probe.ts'),
    "import { parseOptions } from '../../mock/behaviour/options.js';\nexport const probe = parseOptions;\n");
  writeFileSync(join(copy, 'mock/layer-probe.ts'),
    "import type { Mutation } from '../products/mutation/types.js';\nexport type Probe = Mutation;\n");
  const { status, out } = cruise();
  expect(status, out).not.toBe(0);
  expect(out).toContain('contract-imports-nothing-else: src/contract/layer-probe.ts → mock/behaviour/options.ts');
  expect(out).toContain('mock-on-contract-only: mock/layer-probe.ts → products/mutation/types.ts');
  expect(out).toContain('mock-knows-no-mutants-or-tests: mock/layer-probe.ts → products/mutation/types.ts');
  // Nothing else is reported: the two probes are the only violations, so the tree as it is keeps every rule.
  expect(out).toMatch(/3 dependency violations \(3 errors/);
  expect(out.match(/^\s*error /gm)?.length, out).toBe(3);
});
