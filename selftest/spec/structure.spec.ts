// The spec has exactly the documented operations, each with its documented statuses, schemas and credentials.
import { test, expect } from '@playwright/test';
import { operations } from '../../src/contract/contract.js';

const DOCUMENTED = ['tokenByAkSk', 'applyToken', 'queryQueueInfo', 'poll', 'saveSatisfaction', 'send', 'uploadFileStream',
  'downloadFileStream', 'queryPhraseByKeyword', 'createClickToCall', 'getClickToCallEvents', 'checkClickToCallSupport',
  'dropClickToCall', 'doLeaveMessage', 'createMobileAgentCall', 'feedbackSatisfaction', 'sendMessage'];
const FROM_FACTS = ['agentSignIn', 'agentSignOut'];

test('the spec has the 17 documented operations and the two sign-in operations from the facts', () => {
  expect([...operations().keys()].sort()).toEqual([...DOCUMENTED, ...FROM_FACTS].sort());
  for (const id of FROM_FACTS) expect(operations().get(id)!.source, id).toContain('README.md');
  for (const id of DOCUMENTED) expect(operations().get(id)!.source, id).toBeUndefined();
});

test('customer operations live under /apiaccess/ccmessaging/ on the CEC host, agent operations on the gateway', () => {
  for (const op of operations().values()) {
    if (op.operationId === 'tokenByAkSk') expect(op.path).toBe('/apigovernance/api/oauth/tokenByAkSk');
    else if (op.host === 'cec') expect(op.path, op.operationId).toMatch(/^\/apiaccess\/ccmessaging\//);
    else expect(op.path, op.operationId).toMatch(/^\/agentgateway\/resource\//);
  }
  expect(operations().get('sendMessage')!.host).toBe('gateway');
});

test('every CEC operation documents 200, 400, 401, 404 and 500, with a JSON schema for the 200 body', () => {
  for (const op of operations().values()) {
    const expected = op.host === 'cec' ? ['200', '400', '401', '404', '500'] : ['200'];
    expect(op.statuses.sort(), op.operationId).toEqual(expected);
    expect(op.responseSchemaPointers['200'], op.operationId).toBeDefined();
  }
});

test('mandatory credentials follow the documents\' header tables', () => {
  const mandatory = Object.fromEntries([...operations().values()].map((op) => [op.operationId, op.mandatorySchemes.sort()]));
  expect(mandatory).toEqual({
    tokenByAkSk: [],
    applyToken: ['appKey', 'fabricToken'],
    queryQueueInfo: [], // every header optional in table 4-3 (ERRATA E14)
    poll: ['appKey', 'ccmessagingToken', 'fabricToken'],
    saveSatisfaction: ['appKey', 'ccmessagingToken', 'fabricToken'],
    send: ['appKey', 'ccmessagingToken', 'fabricToken'],
    uploadFileStream: ['appKey', 'ccmessagingToken', 'fabricToken'],
    downloadFileStream: ['appKey', 'ccmessagingToken', 'fabricToken'],
    queryPhraseByKeyword: ['ccmessagingToken'],
    createClickToCall: [],
    getClickToCallEvents: ['appKey', 'ccmessagingToken', 'fabricToken'],
    checkClickToCallSupport: ['appKey', 'ccmessagingToken', 'fabricToken'],
    dropClickToCall: ['appKey', 'ccmessagingToken', 'fabricToken'],
    doLeaveMessage: ['appKey', 'ccmessagingToken', 'fabricToken'],
    createMobileAgentCall: ['appKey', 'fabricToken'],
    feedbackSatisfaction: ['appKey', 'ccmessagingToken', 'fabricToken'],
    sendMessage: ['agentGuid'],
    agentSignIn: [],
    agentSignOut: ['agentGuid'],
  });
});

test('documented result codes are recorded with their meanings', () => {
  const codes = (id: string) => operations().get(id)!.resultCodes;
  expect(codes('feedbackSatisfaction')['30000000008']).toMatch(/feedbackContent/);
  expect(codes('createMobileAgentCall')['30010000003']).toMatch(/verification failed/);
  expect(Object.keys(codes('queryQueueInfo'))).toEqual(expect.arrayContaining(['0', '5', '160004', '160021', '160022']));
  expect(Object.keys(codes('sendMessage'))).toEqual(expect.arrayContaining(['0', '000-003', '100-006']));
});
