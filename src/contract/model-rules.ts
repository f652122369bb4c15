// The rules the exploration's model checks (products/explore/), each with its stable id, where the documents state
// it and how strong it is. A rule the suite's tests check too is the suite's own (business-rules.ts), so a tenant
// that breaks it is one finding whichever found it. A rule only in the facts (../shared/seeds/README.md), an
// example, or a choice of the spec is guidance: a warning.
import { RULES } from './business-rules.js';
import { asCheck, namedRule, type RuleRef } from './rule-ref.js';

/** The sources the delivery rules share. */
const DELIVERY = 'seed 000 chapter 5 (poll hands out the pending messages of the user) and seed 003 (sendmessage retcode "0": sent)';
/** No document says what may reach a customer after a DISCONNECT or a transfer; the answers only name them. */
const DISCONNECT_ENDS = 'spec choice: seed 001 and seed 000 chapter 7 name the DISCONNECT ("Disconnect robot successfully") and CONNECT ("connect to robot success") but say nothing of what may arrive after them';

export const MODEL_RULES = {
  // Delivery (refuse: seed 003 "sends the message content to Internet users", obtained "in polling mode"; `to`, seed 000 table 5-1).
  addressed: RULES.addressed,
  deliveredOnce: RULES.deliveredOnce,
  identicalTwice: RULES.identicalTwice,
  agentDelivery: RULES.agentDelivery,
  isolation: namedRule('isolation', 'poll', 'a message reaches its customer and no one else (the same messageCode never at two customers)', DELIVERY),
  agentIsolation: namedRule('agentIsolation', 'sendMessage', 'an agent message reaches the customer of its call and no one else', DELIVERY),
  order: RULES.inOrder,
  refusedNotDelivered: namedRule('refusedNotDelivered', 'sendMessage', 'a refused agent message (retcode other than "0") is not delivered', 'seed 003 (retcode: "0" success, other values failure)'),
  afterDisconnect: namedRule('afterDisconnect', 'poll', 'nothing is delivered into a session after its DISCONNECT', DISCONNECT_ENDS, 'guidance'),
  endedCall: namedRule('endedCall', 'poll', 'nothing of a call the customer ended reaches a later session', DISCONNECT_ENDS, 'guidance'),
  robotSilent: namedRule('robotSilent', 'poll', 'once an agent took the session the robot no longer answers', 'spec choice: seed 001 answers TRANS2AGENT "transfer from robot to agent success" but says nothing of the robot afterwards', 'guidance'),
  // Refusals and files: the suite's rules, as the negative tests judge them.
  feedbackContent: asCheck(RULES.feedbackContent, 'accepts-invalid'),
  feedbackCode: asCheck({ ...RULES.feedbackContent, rule: 'refused with result code 30000000008' }, 'wrong-code'),
  sameBytes: RULES.sameBytes,
  unknownFile: asCheck(RULES.unknownFile, 'accepts-invalid'),
  ownFilesOnly: asCheck(RULES.ownFilesOnly, 'accepts-invalid'),
  queueAfterConnect: asCheck(RULES.queueAfterConnect, 'accepts-invalid'),
  unanswered: { id: 'exchange.answered', operationId: null, check: 'unreachable', rule: 'every request is answered', source: 'seed 000 chapter 1 (every request has a response)', strength: 'refuse' },
  // Guidance: facts, and what the exploration expects where the documents leave the answer open.
  queueState: namedRule('queueState', 'queryQueueInfo', 'queue information agrees with the session state ("160021" with the agent, "5" or "160004" once ended, a position while queued)', 'facts (../shared/seeds/README.md), Messages (queryQueueInfo codes)', 'guidance'),
  pickupWithoutTransfer: namedRule('pickupWithoutTransfer', 'poll', 'an agent takes a session the customer transferred (TRANS2AGENT)', 'seed 001 (Robot-to-manual request)', 'guidance', 'A tenant may route a session to an agent by its own rules.'),
  noPickup: namedRule('noPickup', 'poll', 'a queued session is taken by an agent within the reply deadline', 'seed 001 (TRANS2AGENT); seed 003', 'guidance', 'How long the queue takes is the tenant\'s (agents, hours).'),
  unexplainedDisconnect: namedRule('unexplainedDisconnect', 'poll', 'a DISCONNECT downlink ends a session the customer ended', 'facts (../shared/seeds/README.md), Messages (downlink controlType DISCONNECT)', 'guidance'),
  disconnectDownlink: namedRule('disconnectDownlink', 'poll', 'each DISCONNECT is marked in the customer\'s messages once the tenant marks others', 'facts (../shared/seeds/README.md), Messages (downlink controlType DISCONNECT)', 'guidance'),
  robotAnswers: namedRule('robotAnswers', 'send', 'the robot answers each question it is asked while it has the session', 'seed 001 (Talk to Bot Request); seed 000 table 5-1 (interIdx per interaction)', 'guidance', 'The documents do not promise an answer to every question.'),
  uploadStored: namedRule('uploadStored', 'uploadFileStream', 'a small file of a documented type is stored', 'seed 000 chapter 8', 'guidance', 'The exploration\'s own expectation; the @positive tests judge acceptance by the documented bounds.'),
  ownDownload: namedRule('ownDownload', 'downloadFileStream', 'a customer downloads the file it uploaded', 'seed 000 chapters 8-9', 'guidance', 'The exploration\'s own expectation; the @e2e round trip judges it with its rule.'),
  feedbackUnknown: asCheck(namedRule('feedbackUnknown', 'feedbackSatisfaction', 'feedbackSatisfaction rates an interIdx the robot returned', 'seed 000 table 17-2 (interIdx: the value returned by the last ODFS)', 'guidance', 'The documents do not say how an interIdx the robot never gave is answered.'), 'accepts-invalid'),
  feedbackRated: namedRule('feedbackRated', 'feedbackSatisfaction', 'a robot answer is rated by its interIdx ("0"; "30000000019" not a robot session)', 'seed 002; facts (../shared/seeds/README.md), Messages', 'guidance'),
  satisfactionCode: namedRule('satisfactionCode', 'saveSatisfaction', 'saveSatisfaction answers "0" or "13"', 'facts (../shared/seeds/README.md), Messages', 'guidance'),
  leaveMessageCode: namedRule('leaveMessageCode', 'doLeaveMessage', 'doLeaveMessage answers "0", "3" or "13"', 'facts (../shared/seeds/README.md), Messages', 'guidance'),
  tokenRenew: namedRule('tokenRenew', 'applyToken', 'a customer may apply for a new ccmessaging-token (on a 401 it must)', 'facts (../shared/seeds/README.md), Tokens', 'guidance'),
  endedCallAccepted: asCheck(namedRule('endedCallAccepted', 'sendMessage', 'sendmessage to a call that ended is refused ("000-006" message parameter error)', 'facts (../shared/seeds/README.md), Agent side', 'guidance'), 'accepts-invalid'),
  replyRefused: asCheck(namedRule('replyRefused', 'sendMessage', 'the agent answers the customer of its live call', 'seed 003', 'guidance', 'The exploration\'s own expectation; the @e2e agent journey judges delivery with its rule.'), 'refuses-valid'),
  dropWithoutCall: asCheck(namedRule('dropWithoutCall', 'dropClickToCall', 'dropClickToCall releases a call that was created', 'seed 000 chapters 11-14; facts (../shared/seeds/README.md), Click-to-call', 'guidance'), 'accepts-invalid'),
  eventOrder: namedRule('eventOrder', 'getClickToCallEvents', 'click-to-call events follow the call: in queue → connected → disconnected', 'seed 000 chapters 11-14; facts (../shared/seeds/README.md), Click-to-call', 'guidance'),
} as const satisfies Record<string, RuleRef & { id: string }>;
