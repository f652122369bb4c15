// The model of one exploration run: what the documents let us expect of each customer at each moment. Only what the
// four documents and the facts state; where they allow several outcomes the model keeps them all (a set of possible
// session states, messages that may but need not arrive) and lets observations narrow it.
import type { components } from '../../src/contract/generated/openapi.js';
import type { ClickToCallStage, SessionState } from './states.js';
import type { ExploreCoverage } from './coverage.js';
import type { Step } from './steps.js';
import type { Verdicts } from './verdict.js';

export type DownlinkMessage = components['schemas']['DownlinkMessage'];

/** When a request went out and came back (monotonic ms), and in which step of the run. */
export interface Timed {
  sentAt: number;
  answeredAt: number;
  step: number;
}

/**
 * An agent message (sendMessage) and what the customer is owed of it:
 * - owed: answered retcode "0" while the call was certainly live → must arrive exactly once, in order, unchanged;
 * - allowed: answered "0" while the outcome was open (a DISCONNECT at the same time) → at most once;
 * - forbidden: refused, or sent after the customer's DISCONNECT ended the call → must never arrive.
 */
export interface AgentMessage extends Timed {
  /** The tag in the content that identifies the message wherever it shows up. */
  key: string;
  content: string;
  /** Index of the customer it is addressed to. */
  customer: number;
  callId: string;
  status: 'owed' | 'allowed' | 'forbidden';
  why: string;
  received: number;
}

export interface StoredFile {
  objectKey: string;
  fileType: string;
  bytes: Buffer;
}

export interface CustomerModel {
  index: number;
  userId: string;
  /** The session states the customer may be in now. */
  possible: Set<SessionState>;
  /** Every callId seen in the customer's messages, with the stream segment it first showed up in. */
  calls: Map<string, number>;
  /** The call the current session has (what the agent answers), once a message carried it. */
  currentCallId?: string;
  /** Calls the customer ended (DISCONNECT answered "0" while the agent had them), with the step. */
  endedCalls: Map<string, number>;
  /** Every downlink message received, in arrival order. */
  received: DownlinkMessage[];
  seenCodes: Set<string>;
  seenBodies: Set<string>;
  /** DISCONNECT downlinks received so far: the stream is cut into segments, one per session. */
  markers: number;
  /** DISCONNECTs answered "0" that certainly ended an active session (the j-th ends segment j-1). */
  disconnects: Timed[];
  /** Every CONNECT sent. */
  connects: Timed[];
  /** Every TRANS2AGENT sent that was not refused. */
  transfers: Timed[];
  /** A message with a callId showed up in the current segment: an agent has that session. */
  segmentHasCall: boolean;
  /** A CONNECT during a transferred session may have started a new one without a DISCONNECT downlink between them:
   *  the segment may hold two sessions (until the next DISCONNECT downlink). */
  segmentMixed: boolean;
  /** A DISCONNECT downlink came that no DISCONNECT explains: the segments cannot be trusted any more. */
  segmentsBroken: boolean;
  /** interIdx of the robot's messages (what feedbackSatisfaction rates). */
  interIdx: string[];
  /** Robot answers the customer may expect (CHATs answered "0" while certainly with the robot); guidance. */
  robotAnswersExpected: number;
  robotMessages: number;
  files: StoredFile[];
  clickToCall: ClickToCallStage;
  /** Something may still (wrongly) arrive late: the end of the run polls a little longer (the settle window). */
  lateRisk: boolean;
  /** When the pending transfer was sent (for the pickup latency that sizes the settle window). */
  transferredAt?: number;
  /** An agent reply to this customer came since its last poll (the steps taken now are "between", for coverage). */
  afterReply: boolean;
}

export interface ExploreStats {
  runs: number;
  steps: number;
  /** Did this tenant ever send a DISCONNECT downlink (controlType DISCONNECT)? Then segments are trustworthy. */
  tenantSendsMarkers: boolean;
  /** Longest observed time from TRANS2AGENT to the agent's pickup (ms). */
  maxPickupMs: number;
  /** Shortest observed time from an agent reply's answer to the poll that first carried it (ms; undefined: none seen
   *  yet): how long this tenant takes to have a reply pending. A pair at once waits this long after a reply, so it meets the
   *  reply pending on a tenant that queues replies late as on one that queues them at once. */
  deliveryMs?: number;
}

export interface RunModel {
  customers: CustomerModel[];
  /** An agent is configured (sendMessage can be explored). */
  agent: boolean;
  /** Steps whose operation has the spec's x-side-effect may be sent (config.allowSideEffects). */
  sideEffects: boolean;
  /** createMobileAgentCall may dial: on the mock, or on a tenant with CEC_TEST_PHONE (the only number it dials). */
  canDial: boolean;
  /** Identifies this run's agent messages (content tags). */
  nonce: string;
  messages: AgentMessage[];
  byKey: Map<string, AgentMessage>;
  /** messageCode → the customer it was delivered to (a code at two customers breaks isolation). */
  codes: Map<string, number>;
  seq: number;
  step: number;
  /** The steps taken so far, as data (what a repro replays). */
  trace: Step[];
  verdicts: Verdicts;
  coverage: ExploreCoverage;
  stats: ExploreStats;
}

export function newCustomerModel(index: number, userId: string): CustomerModel {
  return {
    index, userId, possible: new Set(['none']), calls: new Map(), endedCalls: new Map(), received: [], seenCodes: new Set(), seenBodies: new Set(),
    markers: 0, disconnects: [], connects: [], transfers: [], segmentHasCall: false, segmentMixed: false, segmentsBroken: false, interIdx: [],
    robotAnswersExpected: 0, robotMessages: 0, files: [], clickToCall: 'idle', lateRisk: false, afterReply: false,
  };
}

export function newRunModel(args: { userIds: string[]; agent: boolean; sideEffects: boolean; canDial: boolean; nonce: string; verdicts: Verdicts; coverage: ExploreCoverage; stats: ExploreStats }): RunModel {
  return {
    customers: args.userIds.map((u, i) => newCustomerModel(i, u)),
    agent: args.agent, sideEffects: args.sideEffects, canDial: args.canDial, nonce: args.nonce,
    messages: [], byKey: new Map(), codes: new Map(), seq: 0, step: 0, trace: [],
    verdicts: args.verdicts, coverage: args.coverage, stats: args.stats,
  };
}

export const label = (c: Pick<CustomerModel, 'index'>): string => `customer ${c.index + 1}`;

/** The tag an agent message carries in its content: `[x<nonce>.<seq>]`. */
export const messageKey = (nonce: string, seq: number): string => `[x${nonce}.${seq}]`;
export const KEY_PATTERN = /\[x([a-z0-9]+)\.(\d+)\]/;

/** The segment of the stream the customer's next message falls in. */
export const currentSegment = (c: CustomerModel): number => c.markers;

/**
 * Segments can be relied on unless a DISCONNECT was ambiguous. A tenant that sends no DISCONNECT downlinks leaves
 * everything in segment 0, where only the checks that hold within one session apply (see `sameSession`).
 */
export const segmentsReliable = (c: CustomerModel): boolean => !c.segmentsBroken;

/**
 * A message of the current segment certainly belongs to the same session as the segment's earlier messages when
 * every DISCONNECT sent before its poll was answered has had its DISCONNECT downlink (none may be outstanding, or lost).
 */
export const sameSession = (c: CustomerModel, poll: Timed): boolean => !c.segmentsBroken && c.disconnects.filter((d) => d.sentAt < poll.answeredAt).length <= c.markers;

/** The customer's state, shown: `robot` or `{queued|agent}`. */
export const showPossible = (c: CustomerModel): string => (c.possible.size === 1 ? [...c.possible][0] : `{${[...c.possible].join('|')}}`);
