// Validators are compiled once per (operationId, status, direction) and reused.
import { test, expect } from '@playwright/test';
import { compileAll, validateResponseBody } from '../../src/contract/validators.js';

test('every body validator compiles in strict mode, and a second pass reuses them', () => {
  const first = performance.now();
  const count = compileAll();
  const firstMs = performance.now() - first;
  expect(count).toBeGreaterThan(90);
  const second = performance.now();
  expect(compileAll()).toBe(count);
  // Recompiling ~100 schemas takes tens of milliseconds; reuse takes well under one.
  expect(performance.now() - second).toBeLessThan(Math.max(5, firstMs / 10));
});

test('a response is checked against the response schema, not the request schema', () => {
  expect(validateResponseBody('send', 200, { resultCode: '0' }).valid).toBe(true);
  expect(validateResponseBody('send', 200, { channel: 'WEB' }).errors.map((e) => e.pointer)).toEqual(['/resultCode']);
});
