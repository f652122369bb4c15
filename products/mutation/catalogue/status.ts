// Status codes, content type and routing.
import type { Mutation } from '../types.js';
import { isObject } from './helpers.js';

export const STATUS_MUTANTS = {
  'download-content-type-text': {
    area: 'status', seam: 'response',
    rule: 'answers are application/json (seed 000 chapter 1, request/response conventions)',
    how: 'downloadFileStream\'s answers are labelled Content-Type text/plain',
    operations: ['downloadFileStream'],
    response: (a) => (a.operationId === 'downloadFileStream' ? { ...a, contentType: 'text/plain; charset=utf-8' } : undefined),
  },
  'send-status-202': {
    area: 'status', seam: 'response',
    rule: 'send answers HTTP 200 (seed 000 chapter 7: status 200 on success)',
    how: 'send answers HTTP 202 instead of 200 when it accepts a message',
    operations: ['send'],
    response: (a) => (a.operationId === 'send' && a.status === 200 ? { ...a, status: 202 } : undefined),
  },
  'error-body-html': {
    area: 'status', seam: 'response',
    rule: 'a refusal outside 200 is JSON (seed 000 chapter 1: application/json; its {errorCode, exceptionInfo} shape is the facts\')',
    how: 'every 400 and 401 is an HTML page (text/html)',
    operations: '*', calls: 'refused',
    response: (a) => (a.status === 400 || a.status === 401
      ? { ...a, contentType: 'text/html; charset=utf-8', body: `<html><body><h1>${a.status} Error</h1></body></html>` }
      : undefined),
  },
  'bad-request-as-200': {
    area: 'status', seam: 'response',
    rule: 'a malformed request is refused with 400 (seed 000 chapter 1 status codes), not answered as a success',
    how: 'every 400 becomes HTTP 200 with only a resultDesc (no result code)',
    operations: '*', calls: 'invalid',
    response: (a) => (a.status === 400 && isObject(a.body)
      ? { ...a, status: 200, body: { resultDesc: String(a.body.exceptionInfo ?? 'bad request') } }
      : undefined),
  },
  'poll-answers-post': {
    area: 'status', seam: 'routing', strength: 'guidance',
    rule: 'poll is GET /apiaccess/ccmessaging/poll (seed 000 chapter 5 names the method; that other methods are refused is written only for sendmessage, seed 003: ERRATA)',
    how: 'poll is also served for POST',
    extraRoutes: [{ operationId: 'poll', method: 'POST' }],
  },
} satisfies Record<string, Mutation>;
