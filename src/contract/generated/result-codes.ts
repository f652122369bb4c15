// Generated from openapi/cec-web-client.openapi.yaml (each operation's x-result-codes) by src/contract/generate-constants.ts.
// Do not edit: change the spec and run `npm run types`.

export const RESULT_CODES = {
  applyToken: {
    /** Success */
    success: "0",
    /** Failure */
    failure: "1",
  },
  queryQueueInfo: {
    /** Queued (query OK) */
    queued: "0",
    /** Parameter error */
    parameterError: "1",
    /** Request to the queue service failed */
    requestToTheQueueServiceFailed: "2",
    /** Token error */
    tokenError: "3",
    /** Unknown error */
    unknownError: "4",
    /** Session ended */
    sessionEnded: "5",
    /** Queue-service session invalid */
    queueServiceSessionInvalid: "6",
    /** Queue-service communication failure */
    queueServiceCommunicationFailure: "160001",
    /** Session does not exist or has ended */
    sessionDoesNotExistOrHasEnded: "160004",
    /** Already transferred to an agent */
    alreadyTransferredToAnAgent: "160021",
    /** Transferred to IVR */
    transferredToIVR: "160022",
  },
  poll: {
    /** Success */
    success: "0",
  },
  saveSatisfaction: {
    /** Success */
    success: "0",
    /** Failure */
    failure: "13",
  },
  send: {
    /** Success */
    success: "0",
  },
  uploadFileStream: {
    /** Success */
    success: "0",
    /** Missing parameter */
    missingParameter: "2",
    /** Parameter error */
    parameterError: "3",
    /** Upload failed */
    uploadFailed: "13",
  },
  downloadFileStream: {
    /** Success */
    success: "0",
    /** Missing parameter */
    missingParameter: "2",
    /** Download failed */
    downloadFailed: "13",
    /** Not authorised for the file */
    notAuthorisedForTheFile: "401",
  },
  queryPhraseByKeyword: {
    /** Success */
    success: "0",
  },
  createClickToCall: {
    /** Success */
    success: "0",
  },
  getClickToCallEvents: {
    /** Success */
    success: "0",
  },
  checkClickToCallSupport: {
    /** Success */
    success: "0",
  },
  dropClickToCall: {
    /** Success */
    success: "0",
  },
  doLeaveMessage: {
    /** Success */
    success: "0",
    /** Parameter error */
    parameterError: "3",
    /** Failure */
    failure: "13",
  },
  createMobileAgentCall: {
    /** Success */
    success: "0",
    /** This feature is not enabled and cannot be used */
    thisFeatureIsNotEnabledAndCannotBeUsed: "30010000001",
    /** No SIP server information is found */
    noSIPServerInformationIsFound: "30010000002",
    /** Input parameter verification failed */
    inputParameterVerificationFailed: "30010000003",
    /** Failed to add the outbound call task */
    failedToAddTheOutboundCallTask: "30010010001",
    /** The VDN is unavailable */
    theVDNIsUnavailable: "30010010002",
    /** The VDN configuration is incorrect, and the record path fails to be generated */
    theVDNConfigurationIsIncorrectAndTheRecordPathFailsToBeGenerated: "30010010003",
    /** CCM other exception */
    cCMOtherException: "30010019999",
    /** Failed to create a call without waiting for the call setup success event */
    failedToCreateACallWithoutWaitingForTheCallSetupSuccessEvent: "30011010001",
    /** CCUCS other exception */
    cCUCSOtherException: "30011019999",
    /** Chat other exception */
    chatOtherException: "30010009999",
  },
  feedbackSatisfaction: {
    /** Success */
    success: "0",
    /** feedbackContent can not be empty when feedback is 0 */
    feedbackContentCanNotBeEmptyWhenFeedbackIs0: "30000000008",
    /** Not a robot session */
    notARobotSession: "30000000019",
    /** Request chat error */
    requestChatError: "30010009999",
    /** Authentication failed */
    authenticationFailed: "10010000001",
    /** Access failed because of flow control */
    accessFailedBecauseOfFlowControl: "10010000002",
  },
  agentSignIn: {
    /** Success */
    success: "0",
    /** Bad URL or parameter */
    badURLOrParameter: "000-002",
    /** No permission (authentication lapsed) */
    noPermission: "000-003",
    /** Message parameter error */
    messageParameterError: "000-006",
    /** Already signed in */
    alreadySignedIn: "100-002",
    /** Wrong user or password */
    wrongUserOrPassword: "100-004",
    /** Not signed in */
    notSignedIn: "100-006",
  },
  agentSignOut: {
    /** Success */
    success: "0",
    /** Bad URL or parameter */
    badURLOrParameter: "000-002",
    /** No permission (authentication lapsed) */
    noPermission: "000-003",
    /** Message parameter error */
    messageParameterError: "000-006",
    /** Already signed in */
    alreadySignedIn: "100-002",
    /** Wrong user or password */
    wrongUserOrPassword: "100-004",
    /** Not signed in */
    notSignedIn: "100-006",
  },
  sendMessage: {
    /** Success */
    success: "0",
    /** Bad URL or parameter */
    badURLOrParameter: "000-002",
    /** No permission (authentication lapsed) */
    noPermission: "000-003",
    /** Message parameter error */
    messageParameterError: "000-006",
    /** Already signed in */
    alreadySignedIn: "100-002",
    /** Wrong user or password */
    wrongUserOrPassword: "100-004",
    /** Not signed in */
    notSignedIn: "100-006",
    /** sendmessage error code (listed in seed 003 without a meaning) */
    code106001: "106-001",
    /** sendmessage error code (listed in seed 003 without a meaning) */
    code106002: "106-002",
    /** sendmessage error code (listed in seed 003 without a meaning) */
    code106007: "106-007",
    /** sendmessage error code (listed in seed 003 without a meaning) */
    code106011: "106-011",
    /** sendmessage error code (listed in seed 003 without a meaning) */
    code106013: "106-013",
    /** sendmessage error code (listed in seed 003 without a meaning) */
    code106014: "106-014",
  },
} as const;
