// Documented bounds and business rules.
import { gateway, ok } from '../../../mock/http/errors.js';
import { decodeBase64Strict, MAX_FILE_BYTES } from '../../../mock/handlers/files.js';
import type { Mutation } from '../types.js';
import { on } from './helpers.js';

export const RULE_MUTANTS = {
  'accept-data-object-unchecked': {
    area: 'rules', seam: 'response',
    rule: 'sendmessage\'s data as an object has every member seed 003 table 3 makes mandatory (from, to, channel, …), each of its type and closed set',
    how: 'sendMessage answers retcode "0" where it refused a data object for its members (the CC-Gateway\'s check of the object form is off)',
    response: on('sendMessage', 200, (b) => (b.retcode === '000-006' && typeof b.message === 'string' && b.message.includes('/body/data/') ? { retcode: '0', message: 'success' } : undefined)),
  },
  'accept-body-not-object': {
    area: 'rules', seam: 'request',
    rule: 'a request body is the documented JSON object (seed 000 §1.2.1 and each operation\'s body table)',
    how: 'saveSatisfaction answers a JSON array body with 500 (its handler reads it as an object) instead of refusing it',
    operations: ['saveSatisfaction'],
    request: (operationId, problem) => (operationId === 'saveSatisfaction' && problem.errors.some((e) => e.pointer === '/body' && e.keyword === 'type') ? 'crash' : undefined),
  },
  'accept-long-text': {
    area: 'rules', seam: 'request', strength: 'guidance',
    rule: 'a TEXT message is at most 1 KB (facts, Messages; spec SendMessageRequest)',
    how: 'send accepts TEXT content over 1024 characters',
    operations: ['send'],
    request: (operationId, problem) => (operationId === 'send'
      && problem.errors.some((e) => e.pointer === '/body/content' && e.keyword === 'maxLength')
      && problem.errors.every((e) => (e.pointer === '/body/content' && e.keyword === 'maxLength') || ['if', 'then'].includes(e.keyword)) ? 'pass' : undefined),
  },
  'accept-big-file': {
    area: 'rules', seam: 'handler', strength: 'guidance',
    rule: 'uploadFileStream takes files up to 2 MB (facts, downloadFileStream: "files up to 2 MB by default")',
    how: 'uploadFileStream stores files over 2 MB',
    calls: 'refused',
    handlers: {
      uploadFileStream: (correct) => (ctx) => {
        const b = ctx.body;
        const bytes = b.fileStream.length > 4 * MAX_FILE_BYTES / 3 ? decodeBase64Strict(b.fileStream) : undefined;
        if (!bytes || bytes.length <= MAX_FILE_BYTES) return correct(ctx);
        const objectKey = ctx.store.ids.uuid();
        ctx.store.storeFile({ objectKey, owner: ctx.auth.client!.userId, fileType: b.fileType, bytes });
        return ok({ resultCode: '0', resultDesc: 'upload success', objectKey });
      },
    },
  },
  'accept-feedback-without-content': {
    area: 'rules', seam: 'handler',
    rule: 'feedbackContent is required when feedback is 0 ("30000000008", seed 002)',
    how: 'feedbackSatisfaction accepts "dissatisfied" without feedbackContent',
    calls: 'refused',
    handlers: {
      feedbackSatisfaction: (correct) => (ctx) => {
        const b = ctx.body;
        return correct(b.feedback === 0 && !b.feedbackContent ? { ...ctx, body: { ...b, feedbackContent: '(none)' } } : ctx);
      },
    },
  },
  'accept-unknown-channel': {
    area: 'rules', seam: 'handler',
    rule: 'send\'s `to` is the channel configuration ID (seed 000 table 7-2: "to: Channel configuration ID")',
    how: 'send accepts any `to`',
    calls: 'refused',
    handlers: {
      send: (correct) => (ctx) => correct({ ...ctx, body: { ...ctx.body, to: ctx.options.credentials.channelConfigId } }),
    },
  },
  'queue-info-before-connect': {
    area: 'rules', seam: 'handler', strength: 'guidance',
    rule: 'queryQueueInfo answers only after CONNECT (facts, Messages; "160004" session does not exist)',
    how: 'queryQueueInfo answers "0" (position 0) for a customer without a session',
    calls: 'refused',
    handlers: {
      queryQueueInfo: (correct) => async (ctx) => {
        const r = await correct(ctx);
        if (r.status !== 200 || r.body.resultCode !== '160004') return r;
        return ok({ resultCode: '0', resultDesc: 'Queued.', position: 0, totalWaitTime: 0, currentDeviceWaitTime: 0, configMaxcWaitTime: ctx.options.sessionIdleS, longestWaitTime: 0, estimateWaitTime: 0 });
      },
    },
  },
  'accept-evaluation-out-of-range': {
    area: 'rules', seam: 'request',
    rule: 'saveSatisfaction\'s evaluation is "1" to "5" (seed 000 table 6-1)',
    how: 'saveSatisfaction accepts any evaluation',
    operations: ['saveSatisfaction'],
    request: (operationId, problem) => (operationId === 'saveSatisfaction' && problem.errors.every((e) => e.pointer === '/body/evaluation' && e.keyword === 'enum') ? 'pass' : undefined),
  },
  'accept-long-called-number': {
    area: 'rules', seam: 'request',
    rule: 'createcall\'s called number is at most 32 characters (seed 000 chapter 16; "30010000003")',
    how: 'createMobileAgentCall accepts a called number over 32 characters',
    operations: ['createMobileAgentCall'],
    request: (operationId, problem) => (operationId === 'createMobileAgentCall' && problem.errors.every((e) => e.pointer === '/body/called' && e.keyword === 'maxLength') ? 'pass' : undefined),
  },
  'sendmessage-unknown-call': {
    area: 'rules', seam: 'handler',
    rule: 'sendmessage needs the agent\'s own call (seed 003: callid mandatory; "000-006" message parameter error)',
    how: 'sendmessage to a call that does not exist answers "0" (the message goes nowhere)',
    calls: 'refused',
    handlers: {
      sendMessage: (correct) => (ctx) => (ctx.store.calls.has(ctx.body.callid) ? correct(ctx) : gateway('0', 'success')),
    },
  },
} satisfies Record<string, Mutation>;
