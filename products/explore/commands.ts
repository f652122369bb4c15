// fast-check's side of the model-based testing: arbitraries of steps (weighted towards the session's life cycle and
// the agent's replies, where the delivery bugs live), and the AsyncCommand that runs a step against model and tenant.
import fc from 'fast-check';
import { execute } from './execute.js';
import type { RunModel } from './model.js';
import { enabled } from './preconditions.js';
import { CONCURRENT_OPS, describe, type FeedbackKind, type SingleStep, type Step } from './steps.js';
import type { RunReal } from './world.js';

/** What customers type: questions for the robot and chat lines with accents, CJK and quotes (byte-identity matters). */
export const CHAT_LINES = [
  'How do I reset my password?', 'What are your opening hours?', 'How can I track my order?', 'Which payment methods do you accept?',
  'hello, anyone there?', 'Grüße aus Köln — déjà vu', '你好，谢谢', 'señor Zoë says “hi” & \'bye\'',
] as const;
/** What the agent answers (a tag identifying the message is appended at run time). */
export const AGENT_LINES = [
  'Hello, how can I help?', 'Let me check that for you — un momento', 'Grüße, café naïve 你好', '“quoted” & \'single\' 100%', 'Done. Anything else?',
] as const;

/** The step for a run of `customers` customers: customer indexes wrap around, so no step is wasted on one absent. */
export function resolve(s: Step, customers: number): Step {
  const c = s.c % customers;
  return s.op === 'both' ? { ...s, c, a: { ...s.a, c }, b: { ...s.b, c } } : { ...s, c };
}

export class ExploreCommand implements fc.AsyncCommand<RunModel, RunReal> {
  constructor(readonly step: Step) {}
  check(m: Readonly<RunModel>): boolean {
    return enabled(m, resolve(this.step, m.customers.length));
  }
  async run(m: RunModel, r: RunReal): Promise<void> {
    await execute(r, m, resolve(this.step, m.customers.length));
  }
  toString(): string {
    return describe(this.step);
  }
}

const text = fc.constantFrom(...CHAT_LINES);
const agentText = fc.constantFrom(...AGENT_LINES);

/** One step of customer `c` (the agent's reply to it included), per operation, with how often it is drawn. */
function singleFor(c: fc.Arbitrary<number>): Record<SingleStep['op'], fc.WeightedArbitrary<SingleStep>> {
  const plain = (op: SingleStep['op']): fc.Arbitrary<SingleStep> => c.map((x) => ({ op, c: x }) as SingleStep);
  const w = (weight: number, arbitrary: fc.Arbitrary<SingleStep>): fc.WeightedArbitrary<SingleStep> => ({ weight, arbitrary });
  return {
    connect: w(6, plain('connect')),
    chat: w(5, fc.tuple(c, text).map(([x, t]): SingleStep => ({ op: 'chat', c: x, text: t }))),
    transfer: w(5, plain('transfer')),
    waitAgent: w(5, plain('waitAgent')),
    disconnect: w(5, plain('disconnect')),
    poll: w(8, plain('poll')),
    agentReply: w(12, fc.tuple(c, agentText, fc.constantFrom('current', 'current', 'current', 'previous') as fc.Arbitrary<'current' | 'previous'>).map(([x, t, call]): SingleStep => ({ op: 'agentReply', c: x, text: t, call }))),
    queue: w(2, plain('queue')),
    input: w(1, plain('input')),
    feedback: w(2, fc.tuple(c, fc.constantFrom<FeedbackKind>('satisfied', 'dissatisfied', 'no-content', 'unknown-idx')).map(([x, kind]): SingleStep => ({ op: 'feedback', c: x, kind }))),
    satisfaction: w(1, fc.tuple(c, fc.constantFrom('1', '2', '3', '4', '5') as fc.Arbitrary<'1' | '2' | '3' | '4' | '5'>).map(([x, evaluation]): SingleStep => ({ op: 'satisfaction', c: x, evaluation }))),
    phrase: w(1, fc.tuple(c, fc.constantFrom('pass', 'order', 'app')).map(([x, t]): SingleStep => ({ op: 'phrase', c: x, text: t }))),
    upload: w(2, fc.tuple(c, fc.integer({ min: 1, max: 3000 }), fc.nat(1000)).map(([x, size, fill]): SingleStep => ({ op: 'upload', c: x, size, fill }))),
    download: w(2, fc.tuple(c, fc.constantFrom('own', 'own', 'other', 'unknown') as fc.Arbitrary<'own' | 'other' | 'unknown'>).map(([x, whose]): SingleStep => ({ op: 'download', c: x, whose }))),
    renewToken: w(1, plain('renewToken')),
    checkSupport: w(1, plain('checkSupport')),
    createClickToCall: w(1, plain('createClickToCall')),
    clickToCallEvents: w(3, plain('clickToCallEvents')),
    dropClickToCall: w(1, plain('dropClickToCall')),
    leaveMessage: w(1, plain('leaveMessage')),
    mobileCall: w(1, plain('mobileCall')),
  };
}

/** Steps over `maxCustomers` customers: single steps, two requests of one customer at once, and the shortcuts. */
export function stepArbitrary(maxCustomers: number): fc.Arbitrary<Step> {
  const customer = fc.nat({ max: maxCustomers - 1 });
  const forZero = singleFor(fc.constant(0));
  const pairable = fc.oneof(...(Object.entries(CONCURRENT_OPS) as Array<[keyof typeof CONCURRENT_OPS, number]>).map(([op, weight]) => ({ weight, arbitrary: forZero[op].arbitrary })));
  const pair = fc.tuple(customer, pairable, pairable).map(([c, a, b]): Step => ({ op: 'both', c, a: { ...a, c }, b: { ...b, c } }));
  const toAgent = customer.map((c): Step => ({ op: 'toAgent', c }));
  const reconnect = customer.map((c): Step => ({ op: 'reconnect', c }));
  return fc.oneof(...Object.values(singleFor(customer)), { weight: 14, arbitrary: pair }, { weight: 8, arbitrary: toAgent }, { weight: 4, arbitrary: reconnect });
}

/** fast-check's command sequences. */
export function commandsArbitrary(maxCustomers: number, maxSteps: number, replayPath?: string): fc.Arbitrary<Iterable<fc.AsyncCommand<RunModel, RunReal>>> {
  return fc.commands([stepArbitrary(maxCustomers).map((s) => new ExploreCommand(s), (c) => (c as ExploreCommand).step)], { maxCommands: maxSteps, size: 'max', ...(replayPath ? { replayPath } : {}) });
}
