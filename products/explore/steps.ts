// The steps an exploration takes: every customer operation and the agent's reply, as plain data (so a shrunk
// sequence can be written into a repro file and replayed), with the precondition of each.
import { operation } from '../../src/contract/contract.js';
import type { SessionEvent } from './states.js';

export type FeedbackKind = 'satisfied' | 'dissatisfied' | 'no-content' | 'unknown-idx';

export type Step =
  | { op: 'connect' | 'input' | 'transfer' | 'disconnect' | 'poll' | 'waitAgent' | 'queue' | 'renewToken' | 'checkSupport' | 'createClickToCall' | 'clickToCallEvents' | 'dropClickToCall' | 'leaveMessage' | 'mobileCall'; c: number }
  | { op: 'chat' | 'phrase'; c: number; text: string }
  | { op: 'agentReply'; c: number; text: string; call: 'current' | 'previous' }
  | { op: 'feedback'; c: number; kind: FeedbackKind }
  | { op: 'satisfaction'; c: number; evaluation: '1' | '2' | '3' | '4' | '5' }
  | { op: 'upload'; c: number; size: number; fill: number }
  | { op: 'download'; c: number; whose: 'own' | 'other' | 'unknown' }
  | { op: 'both'; c: number; a: SingleStep; b: SingleStep }
  /** A shortcut the generator takes to reach the agent: connect (unless with the robot), transfer, wait. Runs (and is
   *  recorded) as those three steps. */
  | { op: 'toAgent'; c: number }
  /** A customer who reloads the page: DISCONNECT, then CONNECT. Runs (and is recorded) as those two steps. */
  | { op: 'reconnect'; c: number };

export type SingleStep = Exclude<Step, { op: 'both' } | { op: 'toAgent' } | { op: 'reconnect' }>;

/** The step places a call or leaves a message (its operation has the spec's x-side-effect): only where side effects are allowed. */
export const hasSideEffect = (s: Step): boolean => s.op !== 'both' && s.op !== 'toAgent' && s.op !== 'reconnect' && Boolean(operation(operationOf(s)).sideEffect);

/**
 * Operations that may be sent two at a time for one customer, with how often each is drawn for a pair: mostly the
 * ones that read or write the customer's pending messages (poll, the agent's reply), where races lose or repeat them.
 */
export const CONCURRENT_OPS = { poll: 10, agentReply: 10, chat: 5, connect: 4, disconnect: 4, transfer: 4, queue: 2, input: 1, upload: 1 } as const;

/** The session event a step is (send's controlTypes). */
export function eventOf(s: Step): SessionEvent | undefined {
  switch (s.op) {
    case 'connect': return 'CONNECT';
    case 'chat': return 'CHAT';
    case 'input': return 'INPUT';
    case 'transfer': return 'TRANS2AGENT';
    case 'disconnect': return 'DISCONNECT';
    default: return undefined;
  }
}

/** The operationId a step calls. */
export function operationOf(s: SingleStep): string {
  switch (s.op) {
    case 'connect': case 'chat': case 'input': case 'transfer': case 'disconnect': return 'send';
    case 'poll': case 'waitAgent': return 'poll';
    case 'queue': return 'queryQueueInfo';
    case 'renewToken': return 'applyToken';
    case 'checkSupport': return 'checkClickToCallSupport';
    case 'createClickToCall': return 'createClickToCall';
    case 'clickToCallEvents': return 'getClickToCallEvents';
    case 'dropClickToCall': return 'dropClickToCall';
    case 'leaveMessage': return 'doLeaveMessage';
    case 'mobileCall': return 'createMobileAgentCall';
    case 'phrase': return 'queryPhraseByKeyword';
    case 'agentReply': return 'sendMessage';
    case 'feedback': return 'feedbackSatisfaction';
    case 'satisfaction': return 'saveSatisfaction';
    case 'upload': return 'uploadFileStream';
    case 'download': return 'downloadFileStream';
  }
}

const q = (s: string): string => JSON.stringify(s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** How a step reads in a shrunk sequence. */
export function describe(s: Step): string {
  const who = `c${s.c + 1}`;
  switch (s.op) {
    case 'toAgent': return `${who}.toAgent()`;
    case 'reconnect': return `${who}.reconnect()`;
    case 'both': return `${who}: at once [${describe(s.a).replace(/^c\d+\./, '')} ‖ ${describe(s.b).replace(/^c\d+\./, '')}]`;
    case 'chat': case 'phrase': return `${who}.${s.op}(${q(s.text)})`;
    case 'agentReply': return `agent→${who}(${s.call === 'previous' ? 'previous call, ' : ''}${q(s.text)})`;
    case 'feedback': return `${who}.feedback(${s.kind})`;
    case 'satisfaction': return `${who}.satisfaction(${s.evaluation})`;
    case 'upload': return `${who}.upload(${s.size} bytes)`;
    case 'download': return `${who}.download(${s.whose})`;
    default: return `${who}.${s.op}()`;
  }
}
