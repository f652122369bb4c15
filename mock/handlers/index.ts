// Every operation's handler, named exactly by its operationId in the spec. buildApp refuses to start when the spec
// and this table disagree.
import { agentSignIn, agentSignOut, sendMessage } from './agent.js';
import { createMobileAgentCall, doLeaveMessage } from './calls.js';
import { checkClickToCallSupport, createClickToCall, dropClickToCall, getClickToCallEvents } from './clicktocall.js';
import { downloadFileStream, uploadFileStream } from './files.js';
import { feedbackSatisfaction, poll, queryPhraseByKeyword, queryQueueInfo, saveSatisfaction, send } from './messaging.js';
import { applyToken, tokenByAkSk } from './token.js';
import type { Handler } from './types.js';

export const HANDLERS = {
  tokenByAkSk,
  applyToken,
  queryQueueInfo,
  poll,
  saveSatisfaction,
  send,
  uploadFileStream,
  downloadFileStream,
  queryPhraseByKeyword,
  createClickToCall,
  getClickToCallEvents,
  checkClickToCallSupport,
  dropClickToCall,
  doLeaveMessage,
  createMobileAgentCall,
  feedbackSatisfaction,
  agentSignIn,
  agentSignOut,
  sendMessage,
} satisfies Record<string, Handler>;

export type OperationId = keyof typeof HANDLERS;
export type HandlerMap = Record<OperationId, Handler>;
