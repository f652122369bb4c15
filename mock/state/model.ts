// The tenant's data, as the store holds it: tokens, users with their session and pending messages, calls, files,
// agent Guids. Shapes only; what changes them lives in the session machine and the handlers.
import type { components } from '../../src/contract/generated/openapi.js';
import type { DownlinkMessage } from './downlink.js';

export interface FabricToken {
  token: string;
  appKey: string;
  createdAt: number;
  expiresAt: number;
}

/** A ccmessaging-token, with the customer applyToken named (its request body). */
export type ClientToken = components['schemas']['ApplyTokenRequest'] & {
  token: string;
  appKey: string;
  expiresAt: number;
};

export type TokenKind = 'fabric' | 'client';

/** robot → (TRANS2AGENT) queued → (agent takes it) agent → (DISCONNECT) ended; robot or queued may end too. */
export type SessionState = 'robot' | 'queued' | 'agent' | 'ended';

export interface CustomerMessage {
  content: string;
  mediaType: string;
  timestamp: number;
}

/** One chat session of a customer. A new state is a new object (session-machine.ts); `id` tells sessions apart. */
export interface Session {
  readonly id: number;
  readonly state: SessionState;
  readonly channel: string;
  readonly startedAt: number;
  readonly queuedAt?: number;
  /** Order of transfer (timestamps tie within a millisecond). */
  readonly queueSeq?: number;
  readonly callId?: string;
  readonly agentId?: string;
  readonly endedAt?: number;
  /** What the customer said in the session, kept so the call could show it (capped). */
  readonly customerMessages: CustomerMessage[];
}

type ClickToCallContent = NonNullable<components['schemas']['ClickToCallEventResponse']['content']>;

export interface ClickToCallEvent {
  resultDesc: string;
  eventId: number;
  content?: ClickToCallContent;
}

export interface ClickToCall {
  mediaAbility: string;
  active: boolean;
  /** Events not yet polled, delivered one per getClickToCallEvents. */
  events: ClickToCallEvent[];
}

export interface UserState {
  userId: string;
  lastActivity: number;
  /** Pending downlink messages, oldest first; poll takes them all. */
  outbox: DownlinkMessage[];
  /** Every interIdx the robot gave this user (feedbackSatisfaction accepts only these). */
  interIdx: Set<string>;
  session?: Session;
  clickToCall?: ClickToCall;
}

export interface Call {
  callId: string;
  userId: string;
  agentId: string;
}

export interface StoredFile {
  objectKey: string;
  owner: string;
  fileType: string;
  bytes: Buffer;
}

export interface AgentGuid {
  guid: string;
  agentId: string;
  /** The configured Guid (default or CEC_AGENT_GUID): valid without sign-in, never ended. */
  preset: boolean;
  active: boolean;
}

export interface Timer {
  cancel(): void;
}
