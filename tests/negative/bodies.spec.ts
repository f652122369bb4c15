// @negative, generated from the spec: for every operation with a JSON body, malformed JSON, each mandatory field
// left out, each mandatory field of a wrong type and each documented bound overstepped must be refused; so must a
// missing mandatory query parameter and a parameter beyond its schema. Each variant breaks one rule of the spec's
// rule table: accepting it fails where the documents state the rule and warns where the rule is only guidance.
import { test } from '../../fixtures/index.js';
import { negative, negativeDetails } from '../../fixtures/negative.js';
import { assertBodyInvalid, boundVariants, exchangeRuleRef, missingFieldVariants, objectFormVariants, operationsWithBody, parameterVariants, wrongTypeVariants } from '../../fixtures/variants.js';
import { operations } from '../../src/contract/contract.js';

for (const op of operationsWithBody()) {
  test.describe(`${op.operationId} body`, () => {
    test(`${op.operationId} with malformed JSON is rejected`, negativeDetails(op), negative(op, exchangeRuleRef(op, 'request-json', 'the request body is JSON'), (request) => ({
      ...request,
      variant: 'malformed-json',
      body: `${JSON.stringify(request.body).slice(0, -1)},"`,
    })));

    for (const v of [...missingFieldVariants(op), ...wrongTypeVariants(op), ...boundVariants(op), ...objectFormVariants(op)]) {
      test(`${op.operationId} ${v.title} is rejected`, negativeDetails(op), negative(op, v.rule, (request) => {
        const body = v.mutate(request.body as Record<string, unknown>);
        assertBodyInvalid(op.operationId, body, v.variant);
        return { ...request, variant: v.variant, body };
      }));
    }
  });
}

for (const op of operations().values()) {
  const variants = parameterVariants(op);
  if (!variants.length) continue;
  test.describe(`${op.operationId} parameters`, () => {
    for (const v of variants) {
      test(`${op.operationId} ${v.title} is rejected`, negativeDetails(op), negative(op, v.rule, (request) => {
        const place = v.where === 'header' ? 'headers' : v.where;
        const values: Record<string, string> = {};
        for (const [k, val] of Object.entries(request[place] ?? {})) if (val !== undefined && k.toLowerCase() !== v.name.toLowerCase()) values[k] = val;
        if (v.value !== undefined) values[v.name] = v.value;
        return { ...request, variant: v.variant, [place]: values };
      }, { honoured: v.honoured }));
    }
  });
}
