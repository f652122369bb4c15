// @explore: a short, bounded model-based exploration inside the conformance run (npm run explore is the long one).
// First the systematic plans (products/explore/systematic.ts): every pair of one customer's operations in flight at
// once and every customer step between an agent reply and the next poll, each once per run (CEC_EXPLORE_SYSTEMATIC=0
// leaves them out). Then fast-check generates sequences of steps over 1-3 customers and the agent, in orders the
// fixed journeys never take and now and then two requests of one customer at once (fc.scheduler picks which leaves
// first); after every step the answers are checked against the
// contract and the model of the documents. A broken refuse-level rule fails the test with a repro spec attached
// (and written under reports/explore/); guidance-level surprises are `warning` annotations.
// Budget: CEC_EXPLORE_SUITE_RUNS (default 6) runs in CEC_EXPLORE_SUITE_SECONDS (default 2) seconds; the seed is
// CEC_EXPLORE_SEED or the suite's CEC_SEED, so a rerun with the printed seed explores the same sequences.
import { ops } from '../../fixtures/index.js';
import { exploreTest as test } from '../../products/explore/playwright.js';
import { exploreSettings } from '../../products/explore/settings.js';

test('model-based exploration: random orders of steps over 1-3 customers and the agent keep every documented rule', {
  tag: ['@explore'],
  annotation: ops('tokenByAkSk', 'applyToken', 'send', 'poll', 'queryQueueInfo', 'feedbackSatisfaction', 'saveSatisfaction', 'queryPhraseByKeyword',
    'uploadFileStream', 'downloadFileStream', 'checkClickToCallSupport', 'createClickToCall', 'getClickToCallEvents', 'dropClickToCall',
    'doLeaveMessage', 'createMobileAgentCall', 'sendMessage'),
}, async ({ explore, config }, testInfo) => {
  const settings = exploreSettings(process.env, {
    ...(process.env.CEC_EXPLORE_SUITE_RUNS ? { runs: process.env.CEC_EXPLORE_SUITE_RUNS } : {}),
    ...(process.env.CEC_EXPLORE_SUITE_SECONDS ? { seconds: process.env.CEC_EXPLORE_SUITE_SECONDS } : {}),
  }, { runs: 6, seconds: 2, maxSteps: 25, shrinkSeconds: 30, seed: process.env.CEC_EXPLORE_SEED ?? config.seed });
  // Room for the budget, shrinking a failure, and the reply deadlines a failing run waits out.
  test.setTimeout(Math.max(config.testTimeoutMs, (settings.seconds + settings.shrinkSeconds) * 1000 + 4 * config.replyTimeoutMs));
  testInfo.annotations.push({ type: 'exploration', description: `seed ${settings.seed}, at most ${settings.runs} runs in ${settings.seconds} s` });
  await explore.run(settings);
});
