// The business rules the suite's tests judge (delivery, isolation, lifetimes, documented result codes, …), each with
// its stable id, where the documents state it and how strong it is. A rule only in the facts
// (../shared/seeds/README.md), only in an example, or marked optional in its table is guidance: a tenant that does
// otherwise gets a warning. Defined once here, in the contract layer, so the inventory (inventory.ts), the tests, the
// exploration and the statement name the same rule by the same id; fixtures/business-rules.ts re-exports them.
import { specAt } from './contract.js';
import { namedRule, type NamedRule } from './rule-ref.js';

/** The click-to-call event descriptions the facts list (the spec's x-event-descriptions of getClickToCallEvents). */
export const EVENT_DESCRIPTIONS = specAt('/paths/~1apiaccess~1ccmessaging~1v1~1getClickToCallEvents/get/responses/200/x-event-descriptions') as readonly string[];

export const RULES = {
  accessToken: namedRule('accessToken', 'tokenByAkSk', 'a token is issued: AccessToken is a non-empty string', 'seed 000 chapter 2 ("AccessToken indicates the token of the API")'),
  tokenShape: namedRule('tokenShape', 'tokenByAkSk', 'the answer is shaped like the example: ApplyType "Bearer", Expires seconds 1..3600, CreateTime now in Unix seconds, AppKey the app_key', 'seed 000 chapter 2 (example only); facts, Tokens', 'guidance'),
  tokenExpire: namedRule('tokenExpire', 'tokenByAkSk', 'Expires is the lifetime X-Token-Expire asked for', 'seed 000 chapter 2 ("X-Token-Expire indicates the token expiration time")'),
  tokenExpireMax: namedRule('tokenExpireMax', 'tokenByAkSk', 'X-Token-Expire above 3600 is refused or clamped to at most 3600 seconds', 'facts (../shared/seeds/README.md), Tokens', 'guidance'),
  objectKey: namedRule('objectKey', 'uploadFileStream', 'a successful upload answers the objectKey that later messages and downloads refer to', 'seed 000 table 8-2 (objectKey, not mandatory)', 'guidance', 'The table marks objectKey optional; without it the file cannot be referred to, so the round trip stops there.'),
  fileStream: namedRule('fileStream', 'downloadFileStream', 'a successful download answers the fileStream', 'seed 000 table 9-2 (fileStream, not mandatory)', 'guidance', 'The table marks fileStream optional.'),
  sameBytes: namedRule('sameBytes', 'downloadFileStream', 'a downloaded file is the uploaded one, byte for byte, in standard base64', 'seed 000 chapters 8 and 9 ("Base64-encoded file stream"; the fileId of an upload downloads it)'),
  supportFlags: namedRule('supportFlags', 'checkClickToCallSupport', 'the answer carries webRTCSupported and clickToCallSupported', 'seed 000 table 13-3 (both not mandatory)', 'guidance'),
  eventDescriptions: namedRule('eventDescriptions', 'getClickToCallEvents', 'resultDesc is one of the documented event descriptions', 'facts (../shared/seeds/README.md), Click-to-call', 'guidance'),
  resultData: namedRule('resultData', 'createMobileAgentCall', 'a created call task answers resultData with sipServiceAddress (ip:port) and accesscode', 'seed 000 table 16-3 (resultData not mandatory; inside it sipServiceAddress and accesscode are)'),
  addressed: namedRule('addressed', 'poll', 'a downlink message is addressed to the customer of the ccmessaging-token (`to`)', 'seed 000 table 5-1 (to: Message recipient ID) and chapter 5 (the user\'s messages)'),
  deliveredOnce: namedRule('deliveredOnce', 'poll', 'each pending message is delivered once: a messageCode never comes twice', 'seed 000 chapter 5 (poll hands out the pending messages); facts (messageCode unique per message)'),
  identicalTwice: namedRule('identicalTwice', 'poll', 'two identical messages without a messageCode are one message delivered twice', 'spec choice', 'guidance', 'Without a messageCode, two equal messages cannot be told apart from one delivered twice.'),
  robotInterIdx: namedRule('robotInterIdx', 'poll', 'a robot answer carries the interIdx that feedbackSatisfaction rates', 'seed 000 table 5-1 (interIdx mandatory) against the poll example, where it is absent (E6)', 'guidance'),
  callId: namedRule('callId', 'poll', 'once an agent has the session, the customer\'s messages carry the callId the agent answers with', 'facts (../shared/seeds/README.md), Messages (callId)', 'guidance'),
  queuePosition: namedRule('queuePosition', 'queryQueueInfo', 'a queued customer learns their position (an integer, 0 or more)', 'seed 000 table 4-2 (position, not mandatory)', 'guidance'),
  signIn: namedRule('signIn', 'agentSignIn', 'sign-in answers retcode "0" and the Guid in Set-GUID (JSESSIONID=…)', 'facts (../shared/seeds/README.md), Agent side', 'guidance'),
  signOut: namedRule('signOut', 'agentSignOut', 'sign-out answers retcode "0"', 'facts (../shared/seeds/README.md), Agent side', 'guidance'),
  agentDelivery: namedRule('agentDelivery', 'sendMessage', 'a message the agent sent with retcode "0" reaches the customer of the call, as sent', 'seed 003 (description: the users obtain it by polling) and seed 000 chapter 5 (poll)'),
  inOrder: namedRule('inOrder', 'poll', 'agent messages reach the customer in the order they were sent', 'spec choice: no document states an order of delivery (seed 000 chapter 5 and seed 003 only say the messages are obtained by polling)', 'guidance', 'A chat client shows messages as they come; a tenant that hands them out in another order breaks no documented rule.'),
  feedbackContent: namedRule('feedbackContent', 'feedbackSatisfaction', 'feedbackContent is required when feedback is 0: result code 30000000008', 'seed 002 table 2 and table 3 (seed 000 table 17-2)'),
  unknownFile: namedRule('unknownFile', 'downloadFileStream', 'a file that does not exist is not downloaded', 'seed 000 table 9-1 ("fileId: File ID for file download")'),
  ownFilesOnly: namedRule('ownFilesOnly', 'downloadFileStream', 'a customer downloads only the files of their own session ("401" not authorised for the file)', 'facts (../shared/seeds/README.md), downloadFileStream', 'guidance'),
  queueAfterConnect: namedRule('queueAfterConnect', 'queryQueueInfo', 'queue information answers only after CONNECT (160004: the session does not exist)', 'facts (../shared/seeds/README.md), Messages', 'guidance'),
  // Rules the negative and e2e tests judge with their own inputs.
  agentCallCode: namedRule('verificationCode', 'createMobileAgentCall', 'an input that fails verification answers 30010000003', 'seed 000 table 16-3', 'guidance', 'HTTP 400 ("Incorrect request") is documented for the operation as well'),
  uploadCodes: namedRule('refusalCode', 'uploadFileStream', 'a refused upload answers its documented code', 'facts (../shared/seeds/README.md), uploadFileStream', 'guidance'),
  emptyUpload: namedRule('emptyFileStream', 'uploadFileStream', 'an empty fileStream is a missing parameter ("2")', 'facts (../shared/seeds/README.md), uploadFileStream', 'guidance', 'The empty string is the base64 of an empty file; only the facts call it a missing parameter.'),
  base64Upload: namedRule('base64', 'uploadFileStream', 'fileStream is base64', 'seed 000 table 8-1 ("Base64-encoded file stream")'),
  uploadLimit: namedRule('maxSize', 'uploadFileStream', 'files are at most 2 MB', 'facts (../shared/seeds/README.md), downloadFileStream ("files up to 2 MB by default")', 'guidance'),
  downloadCodes: namedRule('refusalCode', 'downloadFileStream', 'a refused download answers its documented code', 'facts (../shared/seeds/README.md), downloadFileStream', 'guidance'),
  fixedKeys: namedRule('fixedKeys', 'tokenByAkSk', 'a token is issued only for the app key with its secret', 'seed 000 chapter 2 ("app_key indicates the app ID, and app_secret indicates the key. The two values are fixed.")'),
  bearerIsAccessToken: namedRule('bearerAccessToken', 'poll', 'Authorization carries the AccessToken of tokenByAkSk, not the ccmessaging-token', 'seed 000 chapter 2 and table 5-4 ("Bearer +AccessToken in the return values of the tokenByAKSK interface")'),
  wrongPassword: namedRule('wrongPassword', 'agentSignIn', 'a wrong password is refused: retcode 100-004', 'facts (../shared/seeds/README.md), Agent side', 'guidance'),
  ownCallOnly: namedRule('ownCallOnly', 'sendMessage', 'a message goes to the agent\'s own call: "0" for a call that does not exist reaches no one', 'seed 003 table 2 (callid: the call ID) and table 4 (retcode 0: success)'),
  toIsChannel: namedRule('toIsChannel', 'send', '`to` is the channel configuration ID', 'seed 000 table 7-2 ("to: Channel configuration ID")'),
  tokenLifetime: namedRule('accessTokenLifetime', 'poll', 'an AccessToken is refused once the lifetime it announced (Expires) has passed', 'seed 000 chapter 2 (X-Token-Expire: the token expiration time)'),
  untouched: namedRule('otherCustomerUntouched', 'send', 'one customer\'s requests never change another customer\'s session or inbox', 'seed 000 header tables (the ccmessaging-token identifies the customer) and chapter 5 (poll returns the user\'s own messages)'),
  onBehalfQueue: namedRule('ownCustomerOnly', 'queryQueueInfo', 'a ccmessaging-token acts only for its own customer', 'spec choice', 'guidance', 'E14: the credentials are optional here'),
  onBehalfSatisfaction: namedRule('ownCustomerOnly', 'saveSatisfaction', 'a ccmessaging-token acts only for its own customer', 'spec choice', 'guidance', 'a tenant may also record it as Alice\'s'),
  onBehalfFeedback: namedRule('ownCustomerOnly', 'feedbackSatisfaction', 'a ccmessaging-token acts only for its own customer', 'spec choice', 'guidance', 'a tenant may also take the user from the token'),
} as const satisfies Record<string, NamedRule>;
