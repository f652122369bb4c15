// @positive, generated from the spec: what the documents allow must be accepted, not only what they forbid refused
// (Schemathesis calls it positive data acceptance). For every rule the documents state: the inside edge of each
// length (characters, or bytes in two-byte text where bytes count), every value of each closed set, each optional
// field present. Refused: a failure for a refuse rule, a warning for a guidance one.
import { test } from '../../fixtures/index.js';
import { negativeDetails } from '../../fixtures/negative.js';
import { acceptance, positiveVariants } from '../../fixtures/positive.js';
import { operationsWithBody } from '../../fixtures/variants.js';

for (const op of operationsWithBody()) {
  // Signing in is the suite's agent session (the facts' operation): its own tests cover it.
  if (op.operationId === 'agentSignIn') continue;
  const variants = positiveVariants(op);
  if (!variants.length) continue;
  test.describe(`${op.operationId} accepts`, () => {
    for (const v of variants) {
      const details = negativeDetails(op);
      test(`${op.operationId} ${v.title} is accepted`, { ...details, tag: ['@positive', ...details.tag.filter((t) => t !== '@negative')] }, acceptance(op, v));
    }
  });
}
