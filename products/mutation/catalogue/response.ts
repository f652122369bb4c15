// Response types and required fields, across the operations (applied after the spec check).
import type { Mutation } from '../types.js';
import { isObject, on, succeeded } from './helpers.js';

export const RESPONSE_MUTANTS = {
  'token-expires-number': {
    area: 'response', seam: 'response', strength: 'guidance',
    rule: 'tokenByAkSk answers every value as a string (facts, Tokens; chapter 2 has only an example): Expires is "600", not 600',
    how: 'tokenByAkSk answers Expires as a JSON number',
    response: on('tokenByAkSk', 200, (b) => ({ ...b, Expires: Number(b.Expires) })),
  },
  'applytoken-token-missing': {
    area: 'response', seam: 'response',
    rule: 'applyToken\'s success carries the token (seed 000 table 3-2: token mandatory)',
    how: 'applyToken answers resultCode "0" without the token',
    response: on('applyToken', 200, (b) => {
      if (b.token === undefined) return undefined;
      delete b.token;
      return b;
    }),
  },
  'poll-list-missing': {
    area: 'response', seam: 'response',
    rule: 'poll always answers downlinkMessages (seed 000 table 5-1, mandatory), an empty list when nothing is pending',
    how: 'poll leaves downlinkMessages out when nothing is pending',
    response: on('poll', 200, (b) => {
      if (!Array.isArray(b.downlinkMessages) || b.downlinkMessages.length) return undefined;
      delete b.downlinkMessages;
      return b;
    }),
  },
  'downlink-simquestions-missing': {
    area: 'response', seam: 'response',
    rule: 'every downlink message carries simQuestions (seed 000 table 5-1, mandatory; null allowed, E5)',
    how: 'poll\'s messages lack simQuestions',
    response: on('poll', 200, (b) => {
      if (!Array.isArray(b.downlinkMessages) || !b.downlinkMessages.length) return undefined;
      for (const m of b.downlinkMessages as Array<Record<string, unknown>>) delete m.simQuestions;
      return b;
    }),
  },
  'queue-times-strings': {
    area: 'response', seam: 'response',
    rule: 'queryQueueInfo\'s position and waiting times are integers (seed 000 chapter 4 response table)',
    how: 'queryQueueInfo answers position and the waiting times as strings',
    response: on('queryQueueInfo', 200, (b) => {
      if (b.position === undefined) return undefined;
      for (const k of ['position', 'totalWaitTime', 'currentDeviceWaitTime', 'configMaxcWaitTime', 'longestWaitTime', 'estimateWaitTime']) {
        if (typeof b[k] === 'number') b[k] = String(b[k]);
      }
      return b;
    }),
  },
  'upload-objectkey-missing': {
    area: 'response', seam: 'response', strength: 'guidance',
    rule: 'uploadFileStream\'s success answers the objectKey that later messages and downloads refer to (seed 000 table 8-2: objectKey not mandatory)',
    how: 'uploadFileStream answers "0" without objectKey',
    response: on('uploadFileStream', 200, (b) => {
      if (!succeeded(b) || b.objectKey === undefined) return undefined;
      delete b.objectKey;
      return b;
    }),
  },
  'feedback-resultcode-number': {
    area: 'response', seam: 'response',
    rule: 'feedbackSatisfaction\'s resultCode is a string (seed 002 table 2)',
    how: 'feedbackSatisfaction answers resultCode as a JSON number',
    response: on('feedbackSatisfaction', 200, (b) => (typeof b.resultCode === 'string' && /^[0-9]+$/.test(b.resultCode) ? { ...b, resultCode: Number(b.resultCode) } : undefined)),
  },
  'phrases-missing': {
    area: 'response', seam: 'response',
    rule: 'queryPhraseByKeyword\'s success carries the phrases (seed 000 table 10-2, mandatory; question in the example, E11)',
    how: 'queryPhraseByKeyword answers "0" without phrases or question',
    response: on('queryPhraseByKeyword', 200, (b) => {
      if (!succeeded(b)) return undefined;
      delete b.phrases;
      delete b.question;
      return b;
    }),
  },
  'clicktocall-flags-strings': {
    area: 'response', seam: 'response',
    rule: 'checkClickToCallSupport\'s webRTCSupported and clickToCallSupported are booleans (seed 000 chapter 13)',
    how: 'checkClickToCallSupport answers the two flags as "true"/"false" strings',
    response: on('checkClickToCallSupport', 200, (b) => ({ ...b, webRTCSupported: String(b.webRTCSupported), clickToCallSupported: String(b.clickToCallSupported) })),
  },
  'createcall-sip-missing': {
    area: 'response', seam: 'response',
    rule: 'createcall\'s resultData carries sipServiceAddress (seed 000 chapter 16, mandatory in resultData)',
    how: 'createMobileAgentCall answers resultData without sipServiceAddress',
    response: on('createMobileAgentCall', 200, (b) => {
      if (!isObject(b.resultData)) return undefined;
      delete b.resultData.sipServiceAddress;
      return b;
    }),
  },
  'agent-retcode-number': {
    area: 'response', seam: 'response',
    rule: 'the CC-Gateway\'s retcode is a string ("0" success; seed 003 response table)',
    how: 'sendmessage answers retcode as a JSON number',
    response: on('sendMessage', 200, (b) => (typeof b.retcode === 'string' && /^[0-9]+$/.test(b.retcode) ? { ...b, retcode: Number(b.retcode) } : undefined)),
  },
} satisfies Record<string, Mutation>;
