// Rules that live only in the prose of the four documents (lifetimes, limits, routing, what a sign-out, a disconnect
// or a release changes, what the agent side may and may not do), or in the facts gathered from outside them
// (../shared/seeds/README.md, guidance). One entry per sentence that states something a tenant does; a sentence the
// spec's tables, the business rules (business-rules.ts) or the model rules (model-rules.ts) already state is theirs,
// not repeated here. `sentence` quotes the document.
import { namedRule, type NamedRule } from './rule-ref.js';

export interface ProseRule extends NamedRule {
  /** The sentence (or table row) of the document, quoted. */
  sentence: string;
}

const prose = (key: string, operationId: string, rule: string, source: string, sentence: string, strength: 'refuse' | 'guidance' = 'refuse', why?: string): ProseRule =>
  ({ ...namedRule(key, operationId, rule, source, strength, why), sentence });

const FACTS = 'facts (../shared/seeds/README.md)';

export const PROSE_RULES = {
  // Seed 000 chapter 1: conventions of every exchange.
  uriNoSlash: prose('uriNoTrailingSlash', 'poll', 'a URI that ends with a slash is not the documented resource', 'seed 000 §1.2.1 (Request-URI)', 'The URI cannot end with a slash (/).', 'guidance',
    'A convention for the client\'s requests; a tenant that also serves the slashed URI breaks no rule a client can see.'),
  // Chapter 2 ("The two values are fixed"), chapter 5 ("pull mode"), chapter 7 (the control types) and seed 003's
  // "supports only the POST method" are the business rules tokenByAkSk.fixed-keys and poll/sendMessage delivery, the
  // spec's controlType enum and the exchange rule sendMessage.exchange.method; seed 003's 1.9/3.8 KB for `data` is the
  // spec's sendMessage.request.body.data.maxLength (every tenant accepts 1.9 KB): not repeated here.
  // Facts: lifetimes and what changes the session.
  ccTokenLifetime: prose('tokenLifetime', 'applyToken', 'a ccmessaging-token works for about an hour; after a 401 a new one is applied for', `${FACTS}, Tokens`,
    'The ccmessaging-token lives about one hour; on a 401 the client applies for a new one.', 'guidance'),
  freshTokenHeader: prose('freshTokenHeader', 'send', 'a fresh ccmessaging-token handed out in a response header works for the next requests', `${FACTS}, Tokens`,
    'During a session the tenant may return a fresh token in a ccmessaging-token response header, which the client should adopt.', 'guidance'),
  sessionRelease: prose('sessionReleased', 'poll', 'a session not polled for the tenant\'s configured session time is released', `${FACTS}, Messages`,
    'If a session is not polled for the tenant\'s configured session time, the tenant releases it.', 'guidance',
    'The session time is the tenant\'s configuration; the suite cannot wait for an unknown time.'),
  sendOnlyCustomer: prose('sourceTypeCustomer', 'send', 'a customer\'s message is sent with sourceType CUSTOMER', `${FACTS}, Messages`, '`sourceType` is always CUSTOMER', 'guidance'),
  downlinkContent: prose('downlinkContentLength', 'poll', 'a downlink message\'s content is at most 500 characters', `${FACTS}, Messages`, 'Content is at most 500 characters.', 'guidance'),
  // The agent side (seed 003 and the facts).
  signOutEndsGuid: prose('signOutEndsGuid', 'agentSignOut', 'after sign-out the Guid no longer sends messages ("100-006" not signed in, or "000-003")', `${FACTS}, Agent side`,
    'Sign-out: DELETE /agentgateway/resource/onlineagent/{agentid}/logout. Return codes: … "000-003" no permission (authentication lapsed), … "100-006" not signed in.', 'guidance'),
  signInTwice: prose('alreadySignedIn', 'agentSignIn', 'signing in an agent who is signed in answers "100-002" already signed in', `${FACTS}, Agent side`, '"100-002" already signed in', 'guidance'),
  agentChatOnly: prose('controlTypeChat', 'sendMessage', 'an agent message is a CHAT: "The value is fixed to CHAT."', 'seed 003 table 3 (controlType)', 'Control type. The value is fixed to CHAT.', 'guidance',
    'data is a JSON string the gateway passes on; the documents do not say the gateway parses it.'),
  clickToCallOnce: prose('oneCallAtATime', 'createClickToCall', 'a customer has one click-to-call at a time; dropClickToCall releases it and a new one can be made', 'seed 000 chapters 11 and 14 ("Release Click-to-dial Call")',
    '14 Release Click-to-dial Call … drop call', 'guidance'),
} as const satisfies Record<string, ProseRule>;
