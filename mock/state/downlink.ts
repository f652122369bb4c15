// Messages to the customer, shaped like DownlinkMessage in the spec (seed 000 table 5-1 plus the fields the facts
// list). One builder, so every robot, system and agent message carries the same fields.
import type { components } from '../../src/contract/generated/openapi.js';

export type SourceType = 'ROBOT' | 'AGENT' | 'SYSTEM';

/** A message to the customer, as poll answers it (the spec's DownlinkMessage). */
export type DownlinkMessage = components['schemas']['DownlinkMessage'];

/** The documented limit on a downlink message's content. */
export const MAX_DOWNLINK_CONTENT = 500;

const NICKNAMES: Record<SourceType, string> = { ROBOT: 'Robot', SYSTEM: 'System', AGENT: 'Agent' };

export interface DownlinkInput {
  sourceType: SourceType;
  content: string;
  /** The customer (the message's `to`). */
  userId: string;
  channel: string;
  /** The channel configuration ID (the message's `from`, as in the documented poll example). */
  channelConfigId: string;
  messageCode: string;
  timestamp: number;
  callId?: string;
  queued?: boolean;
  controlType?: string;
  mediaType?: string;
  interIdx?: string;
  simQuestions?: string | null;
  senderNickname?: string;
  senderAvatar?: string | null;
  mediaFileType?: string;
  contentType?: string;
}

export function downlink(m: DownlinkInput): DownlinkMessage {
  const msg: DownlinkMessage = {
    channel: m.channel,
    content: m.content,
    from: m.channelConfigId,
    mediaType: m.mediaType ?? 'TEXT',
    sourceType: m.sourceType,
    to: m.userId,
    simQuestions: m.simQuestions ?? null,
    senderNickname: m.senderNickname ?? NICKNAMES[m.sourceType],
    senderAvatar: m.senderAvatar ?? null,
    timestamp: m.timestamp,
    controlType: m.controlType ?? 'CHAT',
    callId: m.callId ?? null,
    messageCode: m.messageCode,
    queueFlag: m.queued ? 'Y' : null,
    robotGender: m.sourceType === 'ROBOT' ? 'FEMALE' : null,
  };
  if (m.interIdx !== undefined) msg.interIdx = m.interIdx;
  if (m.mediaFileType !== undefined) msg.mediaFileType = m.mediaFileType;
  if (m.contentType !== undefined) msg.contentType = m.contentType;
  return msg;
}
