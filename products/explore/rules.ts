// The rules the exploration's model checks: defined once in the contract layer (src/contract/model-rules.ts), where
// the rule inventory reads them too.
export { MODEL_RULES as EXPLORE_RULES } from '../../src/contract/model-rules.js';
