// The repro writer: a shrunk failure becomes a Playwright spec that replays its steps, with a config beside it, and no
// secret reaches the file.
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MASK, registerSecret } from '../../src/contract/secrets.js';
import { PROJECT_ROOT } from '../../src/suite/config.js';
import { reproConfigSource, reproSource, writeRepro } from '../../products/explore/repro.js';
import type { ExploreFailure } from '../../products/explore/runner.js';
import { EXPLORE_RULES } from '../../products/explore/rules.js';
import { observationOf } from '../../fixtures/verdicts.js';

const SECRET = 'sk-explore-7f3a9c1e5b';
const TOKEN = 'ccm-token-4d2b8e6a0f91';

const failure = (): ExploreFailure => ({
  seed: 1234, path: '3:1:1', shrinks: 5, customers: 2,
  steps: [{ op: 'connect', c: 0 }, { op: 'both', c: 1, a: { op: 'poll', c: 1 }, b: { op: 'poll', c: 1 } }, { op: 'agentReply', c: 0, text: '“quoted” & \'single\'', call: 'current' }],
  message: `delivery:once: customer 2 received messageCode m-1 twice\n  with Authorization: Bearer ${SECRET} and ccmessaging-token ${TOKEN}`,
  observation: observationOf(EXPLORE_RULES.deliveredOnce, 'customer 2 received messageCode m-1 twice', false),
});

test('the repro spec replays the steps with the explore fixture and says how to run it', () => {
  const text = reproSource(failure(), join(PROJECT_ROOT, 'reports', 'explore'), { target: 'the mock tenant', mutation: 'concurrent-poll-duplicates' });
  expect(text).toContain("import { exploreTest as test } from '../../products/explore/playwright.js';");
  expect(text).toContain('await explore.replay({ customers: 2, steps: STEPS });');
  expect(text).toContain('{"op":"both","c":1,');
  expect(text).toContain('MOCK_MUTATION=concurrent-poll-duplicates');
  expect(text).toContain('npm run explore -- --seed=1234 --path=3:1:1');
  expect(text).toMatch(/ 2\. c2: at once \[poll\(\) ‖ poll\(\)\]/);
  expect(text).toContain("tag: ['@explore-repro']");
});

test('no secret reaches the repro: registered values and Bearer tokens are masked', () => {
  registerSecret(TOKEN);
  const text = reproSource(failure(), join(PROJECT_ROOT, 'reports', 'explore'), { target: `https://tenant.example/?k=${TOKEN}` });
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(TOKEN);
  expect(text).toContain(`Bearer ${MASK}`);
});

test('writeRepro writes the spec and the config that runs it with the suite\'s settings', () => {
  const dir = mkdtempSync(join(PROJECT_ROOT, 'reports', 'selftest-repro-'));
  try {
    const file = writeRepro(dir, failure(), { target: 'the mock tenant' });
    expect(file).toBe(join(dir, 'explore', 'repro-1234.spec.ts'));
    const config = readFileSync(join(dir, 'explore', 'playwright.config.ts'), 'utf8');
    expect(config).toBe(reproConfigSource(join(dir, 'explore')));
    expect(config).toContain("testMatch: 'repro-*.spec.ts'");
    expect(config).toContain('globalSetup: [base.globalSetup ?? []].flat().map((file) => `../../../${file.replace(');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
