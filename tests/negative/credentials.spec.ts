// @negative, generated from the spec: every credential an operation requires (operation(id).mandatorySchemes), left
// out and given wrong, must be refused. A request that is answered anyway means the tenant ignored the credential.
import { test } from '../../fixtures/index.js';
import { invalidCredential, negative, negativeDetails } from '../../fixtures/negative.js';
import { credentialVariants } from '../../fixtures/variants.js';
import { operations } from '../../src/contract/contract.js';

for (const op of operations().values()) {
  const variants = credentialVariants(op);
  if (!variants.length) continue;
  test.describe(`${op.operationId} credentials`, () => {
    for (const v of variants) {
      const smoke = op.operationId === 'send' && v.scheme === 'ccmessagingToken' && v.kind === 'missing';
      test(`${op.operationId} ${v.title} is rejected`, negativeDetails(op, { tags: ['@health', ...(smoke ? ['@smoke'] : [])] }), negative(op, v.rule, (request, { faker }) => ({
        ...request,
        variant: `credential:${v.kind}:${v.scheme}`,
        credentials: { ...request.credentials, [v.scheme]: v.kind === 'missing' ? null : invalidCredential(v.scheme, faker) },
      })));
    }
  });
}
