// Valid input refused: a tenant that refuses what the documents allow (the inside edge of a bound, a value of a
// closed set, an optional field left out). The suite's @positive tests (tests/positive/acceptance.spec.ts, generated
// from the spec's refuse rules) must catch each. Each refuses as the mock refuses invalid input of that operation.
import { badRequest, ok, result } from '../../../mock/http/errors.js';
import type { Mutation } from '../types.js';
import { on, refusing } from './helpers.js';

/** Every third applyToken of the mock process (a tenant whose token service fails now and then). */
let applyTokens = 0;

/** UTF-8 length as a tenant that counts every non-ASCII character as three bytes would count it. */
const bytesCountingThree = (text: string): number => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 ? 1 : 3), 0);

export const ACCEPTANCE_MUTANTS = {
  'applytoken-now-and-then': {
    area: 'acceptance', seam: 'response',
    rule: 'a valid applyToken issues a ccmessaging-token (seed 000 §1.2.2 and chapter 3: a request that keeps every rule is not refused)',
    how: 'every third applyToken answers HTTP 200 with resultCode "1" (failure) and no token; every step of a journey after it fails too',
    response: on('applyToken', 200, () => (++applyTokens % 3 === 0 ? { resultCode: '1', resultDesc: 'failure' } : undefined)),
  },
  'refuse-comment-at-bound': {
    area: 'acceptance', seam: 'handler',
    rule: 'a satisfaction comment may be 511 characters long (seed 000 table 6-2: "contains less than 512 characters")',
    how: 'saveSatisfaction refuses a comment of 511 characters (its bound is off by one: less than 511) with "13"',
    handlers: {
      saveSatisfaction: refusing((ctx) => ctx.body.comment.length >= 511, ok(result('13', 'Parameter error: /body/comment: must NOT have more than 510 characters'))),
    },
  },
  'feedback-bytes-miscounted': {
    area: 'acceptance', seam: 'handler',
    rule: 'feedbackContent may be 64 bytes long in UTF-8 (seed 000 table 17-2, seed 002: "the maximum length is 64 bytes")',
    how: 'feedbackSatisfaction counts each non-ASCII character of feedbackContent as 3 bytes, so 64 bytes of two-byte text are refused (400)',
    handlers: {
      feedbackSatisfaction: refusing((ctx) => bytesCountingThree(ctx.body.feedbackContent ?? '') > 64, badRequest('/body/feedbackContent: must NOT have more than 64 bytes')),
    },
  },
  'refuse-filetype-csv': {
    area: 'acceptance', seam: 'handler',
    rule: 'fileType "csv" is one of the documented file types (seed 000 table 8-1: "jpg,png,bpm,mp3,aac, mp4,txt,csv")',
    how: 'uploadFileStream refuses fileType "csv" with "3" (parameter error)',
    handlers: {
      uploadFileStream: refusing((ctx) => ctx.body.fileType === 'csv', ok(result('3', 'Parameter error: /body/fileType: must be equal to one of the allowed values'))),
    },
  },
  'send-nickname-required': {
    area: 'acceptance', seam: 'handler',
    rule: 'senderNickname is optional in send (seed 000 table 7-2: Mandatory False)',
    how: 'send refuses a body without senderNickname (400)',
    handlers: {
      send: refusing((ctx) => ctx.body.senderNickname === undefined, badRequest('/body: must have required property \'senderNickname\'')),
    },
  },
} satisfies Record<string, Mutation>;
