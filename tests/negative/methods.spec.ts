// @negative, generated from the spec: every operation called with an HTTP method its path does not document.
import { test } from '../../fixtures/index.js';
import { negative, negativeDetails } from '../../fixtures/negative.js';
import { exchangeRuleRef, wrongMethod } from '../../fixtures/variants.js';
import { operations } from '../../src/contract/contract.js';

test.describe('wrong HTTP method', () => {
  for (const op of operations().values()) {
    const method = wrongMethod(op);
    test(`${op.operationId} called with ${method} instead of ${op.method.toUpperCase()} is rejected`, negativeDetails(op, { tags: ['@health'] }), negative(op, exchangeRuleRef(op, 'method', `${op.operationId} is served only as ${op.method.toUpperCase()}`), (request) => ({
      ...request,
      method,
      variant: `method:${method}`,
      // A GET carries no body; other methods keep the baseline's.
      body: method === 'GET' ? undefined : request.body,
    })));
  }
});
