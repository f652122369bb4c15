// The spec's rule table (src/contract/rules.ts): every constraint has a strength and a source, the readings the
// documents allow are guidance, and a validation error finds its rule.
import { expect, test } from '@playwright/test';
import { Contract } from '../../src/contract/contract.js';
import { describeRule } from '../../src/contract/rules.js';

const c = new Contract();
const rules = c.rules.rules.filter((r) => r.keyword !== '*');
const at = (operationId: string, place: string, keyword: string, direction: 'request' | 'response' = 'request', status?: string) =>
  c.rules.ruleAt(operationId, direction, status, place, keyword);

test('every constraint of every operation has a strength and a source', async () => {
  const missing = rules.filter((r) => !r.source || !['refuse', 'guidance'].includes(r.strength)).map((r) => r.id);
  expect(missing).toEqual([]);
  const refuse = rules.filter((r) => r.strength === 'refuse').length;
  const guidance = rules.length - refuse;
  await test.info().attach('rule-counts.json', { body: JSON.stringify({ rules: rules.length, refuse, guidance }), contentType: 'application/json' });
  expect(refuse).toBeGreaterThan(100);
  expect(guidance).toBeGreaterThan(50);
});

test('the readings the documents allow are guidance: examples, facts, spec choices', () => {
  // "such as WEB", "for example, text type (TEXT)": examples, on every customer operation.
  for (const op of ['send', 'saveSatisfaction', 'uploadFileStream', 'downloadFileStream', 'queryPhraseByKeyword', 'createClickToCall', 'dropClickToCall', 'doLeaveMessage', 'queryQueueInfo']) {
    expect(at(op, '/body/channel', 'enum')?.strength, `${op} channel`).toBe('guidance');
  }
  expect(at('getClickToCallEvents', '/query/channel', 'enum')?.strength).toBe('guidance');
  expect(at('send', '/body/mediaType', 'enum')?.strength).toBe('guidance');
  expect(at('downloadFileStream', '/body/multiMedia', 'enum')?.strength).toBe('guidance');
  expect(at('send', '/body/timestamp', 'pattern')?.strength).toBe('guidance');
  expect(at('send', '/body/from', 'minLength')?.strength).toBe('guidance');
  expect(at('feedbackSatisfaction', '/body/from', 'minLength')?.strength).toBe('guidance');
  expect(at('tokenByAkSk', '/header/X-Token-Expire', 'maximum')).toMatchObject({ strength: 'guidance', clampedIn: '/Expires' });
  expect(at('agentSignIn', '/body/phonenum', 'required')?.strength).toBe('guidance');
  expect(at('agentSignIn', '/body/status', 'enum')?.strength).toBe('guidance');
  expect(at('send', '/body/unknownField', 'additionalProperties')?.strength).toBe('guidance');
  expect(at('poll', '/body/downlinkMessages/0/content', 'maxLength', 'response', '200')?.strength).toBe('guidance');
});

test('what the documents state is refuse, with the table it is in', () => {
  expect(at('saveSatisfaction', '/body/evaluation', 'enum')).toMatchObject({ strength: 'refuse', source: expect.stringContaining('table 6-2') });
  expect(at('saveSatisfaction', '/body/comment', 'maxLength')).toMatchObject({ strength: 'refuse', value: 511 });
  expect(at('feedbackSatisfaction', '/body/feedbackContent', 'x-max-bytes')).toMatchObject({ strength: 'refuse', value: 64 });
  expect(at('uploadFileStream', '/body/fileType', 'enum')).toMatchObject({ strength: 'refuse', guidanceValues: ['bpm', 'bmp'] });
  expect(at('send', '/body/channel', 'required')).toMatchObject({ strength: 'refuse', source: expect.stringContaining('table 7-2') });
  expect(at('poll', '/credential/ccmessagingToken', 'required')?.strength).toBe('refuse');
  expect(at('poll', '/body/downlinkMessages', 'required', 'response', '200')?.strength).toBe('refuse');
  // Array items are one rule, whatever the index.
  expect(at('poll', '/body/downlinkMessages/7/simQuestions', 'required', 'response', '200')?.id).toBe('poll response 200 /body/downlinkMessages/*/simQuestions required');
  expect(at('sendMessage', '/path/agentid', 'pattern')?.strength).toBe('refuse');
});

test('the exchange rules: a 5xx is always a failure, an undocumented 4xx refusal a warning', () => {
  expect(c.rules.exchangeRule('server-error').strength).toBe('refuse');
  expect(c.rules.exchangeRule('status-refusal').strength).toBe('guidance');
  expect(c.rules.exchangeRule('method').strength).toBe('guidance');
  expect(c.rules.exchangeRule('method', c.operation('sendMessage')).strength).toBe('refuse');
});

test('a rule in words', () => {
  expect(describeRule(at('saveSatisfaction', '/body/comment', 'maxLength')!)).toBe('"comment" is at most 511 characters');
  expect(describeRule(at('poll', '/credential/ccmessagingToken', 'required')!)).toBe('ccmessaging-token is mandatory');
  expect(describeRule(at('saveSatisfaction', '/body/evaluation', 'enum')!)).toBe('"evaluation" is one of "1", "2", "3", "4", "5"');
});
