// Every operation's handler, named exactly by its operationId in the spec and typed by it (types.ts): a handler
// missing, extra or answering what its operation does not document fails `tsc`.
import { agentSignIn, agentSignOut, sendMessage } from './agent.js';
import { createMobileAgentCall, doLeaveMessage } from './calls.js';
import { checkClickToCallSupport, createClickToCall, dropClickToCall, getClickToCallEvents } from './clicktocall.js';
import { downloadFileStream, uploadFileStream } from './files.js';
import { feedbackSatisfaction, poll, queryPhraseByKeyword, queryQueueInfo, saveSatisfaction, send } from './messaging.js';
import { applyToken, tokenByAkSk } from './token.js';
import type { HandlerMap } from './types.js';

export const HANDLERS: Readonly<HandlerMap> = Object.freeze({
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
});
