// Every operationId of the spec appears in at least one @contract and one @negative test of the conformance suite
// (products/coverage/by-tag.ts, from `playwright test --list --reporter=json`).
import { test, expect } from '@playwright/test';
import { casesOf, coverageByTag, formatTable, listSuite } from '../../products/coverage/by-tag.js';
import { operations } from '../../src/contract/contract.js';

test('every operationId has a @contract and a @negative test', async () => {
  test.setTimeout(120_000);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CEC_') && !k.startsWith('MOCK_')));
  const coverage = coverageByTag(casesOf(listSuite(env)));
  await test.info().attach('operation-coverage-by-tag.txt', { body: formatTable(coverage), contentType: 'text/plain' });
  expect(coverage.operations.map((r) => r.operationId).sort()).toEqual([...operations().keys()].sort());
  expect(coverage.unknownOperationIds, 'operationId annotations name operations of the spec').toEqual([]);
  expect(coverage.operations.filter((r) => r.missing.length).map((r) => `${r.operationId}: ${r.missing.join(', ')}`), formatTable(coverage)).toEqual([]);
  for (const tag of ['@contract', '@negative', '@e2e', '@smoke', '@health', '@side-effect']) expect(coverage.tagCounts[tag], `tests tagged ${tag}`).toBeGreaterThan(0);
});

test('the check reports an operation without a tag', () => {
  const c = coverageByTag([
    { title: 'a', file: 'x.spec.ts', tags: ['@contract'], operationIds: ['send'] },
    { title: 'b', file: 'x.spec.ts', tags: ['@negative'], operationIds: ['send', 'poll'] },
    { title: 'c', file: 'x.spec.ts', tags: ['@negative'], operationIds: ['sned'] },
  ], ['send', 'poll']);
  expect(c.ok).toBe(false);
  expect(c.operations).toEqual([
    { operationId: 'send', byTag: { '@contract': 1, '@negative': 1 }, missing: [] },
    { operationId: 'poll', byTag: { '@negative': 1 }, missing: ['@contract'] },
  ]);
  expect(c.unknownOperationIds).toEqual(['sned']);
});

test('tags and annotations are read from the JSON list report, a spec in two projects once', () => {
  const spec = { title: 't', file: 'f.spec.ts', tags: ['contract'], tests: [{ annotations: [{ type: 'operationId', description: 'send' }, { type: 'other', description: 'x' }] }, { annotations: [{ type: 'operationId', description: 'send' }] }] };
  expect(casesOf({ suites: [{ suites: [{ specs: [spec] }] }, { specs: [spec] }] })).toEqual([{ title: 't', file: 'f.spec.ts', tags: ['@contract'], operationIds: ['send'] }]);
});
