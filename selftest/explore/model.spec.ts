// The exploration's model: the session transition function (documented transitions, the outcomes the documents leave
// open, two requests at once), and the stream checks that turn a delivery into a verdict.
import { expect, test } from '@playwright/test';
import { ExploreCoverage } from '../../products/explore/coverage.js';
import { newRunModel, type DownlinkMessage, type RunModel } from '../../products/explore/model.js';
import { pinPickups } from '../../products/explore/runner.js';
import { after, afterAll, afterConcurrent, certain, seenAs, type SessionState } from '../../products/explore/states.js';
import { enabled } from '../../products/explore/preconditions.js';
import { hasSideEffect, type Step } from '../../products/explore/steps.js';
import { ingest } from '../../products/explore/stream.js';
import { EXPLORE_RULES as R } from '../../products/explore/rules.js';
import { ExplorationFailure, Verdicts } from '../../products/explore/verdict.js';
import { observationOf, type RuleRef } from '../../fixtures/verdicts.js';

const set = (...s: SessionState[]): Set<SessionState> => new Set(s);
const sorted = (s: Iterable<SessionState>): SessionState[] => [...s].sort();

test.describe('session transition function', () => {
  test('the documented life cycle: CONNECT, TRANS2AGENT, pickup, DISCONNECT, CONNECT again', () => {
    expect(after('none', 'CONNECT', 'ok')).toEqual(['robot']);
    expect(after('robot', 'CHAT', 'ok')).toEqual(['robot']);
    expect(sorted(after('robot', 'TRANS2AGENT', 'ok'))).toEqual(['agent', 'queued']);
    expect(after('queued', 'pickup', 'ok')).toEqual(['agent']);
    for (const s of ['robot', 'queued', 'agent'] as const) expect(after(s, 'DISCONNECT', 'ok')).toEqual(['ended']);
    expect(after('ended', 'CONNECT', 'ok')).toEqual(['robot']);
  });

  test('a refused request changes nothing; an answer that is no answer leaves old and new possible', () => {
    for (const s of ['none', 'robot', 'queued', 'agent', 'ended'] as const) {
      for (const e of ['CONNECT', 'CHAT', 'INPUT', 'TRANS2AGENT', 'DISCONNECT'] as const) expect(after(s, e, 'refused')).toEqual([s]);
    }
    expect(sorted(after('robot', 'DISCONNECT', 'unknown'))).toEqual(['ended', 'robot']);
    expect(sorted(after('none', 'CONNECT', 'unknown'))).toEqual(['none', 'robot']);
  });

  test('where the documents are silent every outcome stays possible', () => {
    expect(sorted(after('agent', 'CONNECT', 'ok'))).toEqual(['agent', 'robot']);
    expect(sorted(after('queued', 'CONNECT', 'ok'))).toEqual(['queued', 'robot']);
    expect(after('none', 'DISCONNECT', 'ok')).toEqual(['none']);
    expect(after('ended', 'TRANS2AGENT', 'ok')).toEqual(['ended']);
  });

  test('an agent takes only a queued session', () => {
    for (const s of ['none', 'robot', 'ended'] as const) expect(after(s, 'pickup', 'ok')).toEqual([]);
  });

  test('over a set of states, and two requests at once: either order', () => {
    expect(sorted(afterAll(set('queued', 'agent'), 'DISCONNECT', 'ok'))).toEqual(['ended']);
    // CONNECT and DISCONNECT at once from nothing: the DISCONNECT came first (nothing to end) or last (it ended the new session).
    expect(sorted(afterConcurrent(set('none'), { event: 'CONNECT', answer: 'ok' }, { event: 'DISCONNECT', answer: 'ok' }))).toEqual(['ended', 'robot']);
    expect(sorted(afterConcurrent(set('robot'), { event: 'CHAT', answer: 'ok' }, { event: 'TRANS2AGENT', answer: 'ok' }))).toEqual(['agent', 'queued']);
  });

  test('certain and seen-as: a transferred session nobody was seen to take counts as queued', () => {
    expect(certain(set('robot'))).toBe('robot');
    expect(certain(set('robot', 'ended'))).toBeUndefined();
    expect(seenAs(set('queued', 'agent'))).toBe('queued');
    expect(seenAs(set('agent', 'robot'))).toBeUndefined();
  });

  test('pinning pickups: a wait for the agent after every transfer', () => {
    expect(pinPickups([{ op: 'connect', c: 0 }, { op: 'transfer', c: 0 }, { op: 'chat', c: 0, text: 'x' }]).map((s) => s.op)).toEqual(['connect', 'transfer', 'waitAgent', 'chat']);
    expect(pinPickups([{ op: 'transfer', c: 1 }, { op: 'waitAgent', c: 1 }]).map((s) => s.op)).toEqual(['transfer', 'waitAgent']);
  });
});

// ---------------------------------------------------------------------------------------------------------------

function model(): RunModel {
  return newRunModel({ userIds: ['u1', 'u2'], agent: true, sideEffects: true, canDial: true, nonce: 'n1', verdicts: new Verdicts(false), coverage: new ExploreCoverage('selftest'), stats: { runs: 0, steps: 0, tenantSendsMarkers: false, maxPickupMs: 0 } });
}
let code = 0;
const msg = (to: string, over: Partial<DownlinkMessage> = {}): DownlinkMessage => ({
  channel: 'WEB', content: 'hi', from: '1900', mediaType: 'TEXT', sourceType: 'SYSTEM', to, simQuestions: null, messageCode: `m${++code}`, callId: null, controlType: 'CHAT', ...over,
} as DownlinkMessage);
const at = (step: number, t = step * 10) => ({ sentAt: t, answeredAt: t + 1, step });
/** The signature of the failure `fn` throws, or 'passed'. */
const failsWith = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExplorationFailure) return e.observation.signature;
    throw e;
  }
  return 'passed';
};
const broken = (rule: RuleRef): string => observationOf(rule, '', false).signature;
/** The warnings of `m` after `fn`, which must not fail: what a guidance rule that did not hold leaves. */
const warnsWith = (m: RunModel, fn: () => void): string[] => {
  expect(failsWith(fn), 'a guidance rule only warns').toBe('passed');
  return m.verdicts.warnings.map((w) => w.observation.signature);
};

test.describe('stream checks', () => {
  test('a message for someone else, or the same messageCode twice, fails', () => {
    const m = model();
    expect(failsWith(() => ingest(m, m.customers[0], [msg('u2')], at(1)))).toBe(broken(R.addressed));
    const twice = msg('u1');
    expect(failsWith(() => ingest(m, m.customers[0], [twice, twice], at(2)))).toBe(broken(R.deliveredOnce));
  });

  test('after a DISCONNECT downlink nothing arrives before a new CONNECT (guidance: a warning); after the CONNECT it may', () => {
    const m = model();
    const c = m.customers[0];
    c.connects.push(at(0));
    c.disconnects.push(at(3));
    expect(warnsWith(m, () => ingest(m, c, [msg('u1', { controlType: 'DISCONNECT' }), msg('u1', { callId: '17-1', content: 'Connected Agent' })], at(4)))).toContain(broken(R.afterDisconnect));
    const ok = model();
    ok.customers[0].connects.push(at(0), at(5));
    ok.customers[0].disconnects.push(at(3));
    expect(warnsWith(ok, () => ingest(ok, ok.customers[0], [msg('u1', { controlType: 'DISCONNECT' }), msg('u1', { sourceType: 'ROBOT' })], at(6)))).toEqual([]);
  });

  test('the robot speaking after an agent took the session warns (guidance)', () => {
    const m = model();
    const c = m.customers[0];
    c.possible = set('queued', 'agent');
    c.transfers.push(at(1));
    expect(warnsWith(m, () => ingest(m, c, [msg('u1', { callId: '17-1' }), msg('u1', { sourceType: 'ROBOT', callId: '17-1' })], at(2)))).toEqual([broken(R.robotSilent)]);
    expect(certain(c.possible)).toBe('agent');
  });

  test('an owed agent message: exactly once, unchanged (out of order: a warning); the DISCONNECT downlink overtaking it only warns (no document states an order), its loss is the end of the run\'s', () => {
    const m = model();
    const c = m.customers[0];
    const owe = (seq: number, step: number) => {
      const x = { key: `[xn1.${seq}]`, content: `hello [xn1.${seq}]`, customer: 0, callId: '17-1', status: 'owed' as const, why: 'live', received: 0, ...at(step) };
      m.messages.push(x);
      m.byKey.set(x.key, x);
      return x;
    };
    owe(1, 1);
    owe(2, 2);
    expect(warnsWith(m, () => ingest(m, c, [msg('u1', { sourceType: 'AGENT', content: 'hello [xn1.2]' })], at(3)))).toEqual([broken(R.order)]);
    const altered = model();
    const x = { key: '[xn1.1]', content: 'Tom & Jerry [xn1.1]', customer: 0, callId: '17-1', status: 'owed' as const, why: 'live', received: 0, ...at(1) };
    altered.messages.push(x);
    altered.byKey.set(x.key, x);
    expect(failsWith(() => ingest(altered, altered.customers[0], [msg('u1', { sourceType: 'AGENT', content: 'Tom &amp; Jerry [xn1.1]' })], at(2)))).toBe(broken(R.agentDelivery));
    const lost = model();
    const y = { key: '[xn1.1]', content: 'bye [xn1.1]', customer: 0, callId: '17-1', status: 'owed' as const, why: 'live', received: 0, ...at(1) };
    lost.messages.push(y);
    lost.byKey.set(y.key, y);
    lost.customers[0].disconnects.push(at(2));
    expect(warnsWith(lost, () => ingest(lost, lost.customers[0], [msg('u1', { controlType: 'DISCONNECT' })], at(3)))).toEqual([broken(R.order)]);
  });

  test('two identical messages without a messageCode only warn (guidance: a spec choice)', () => {
    const m = model();
    const twice = msg('u1', { messageCode: undefined });
    expect(failsWith(() => ingest(m, m.customers[0], [twice, twice], at(1)))).toBe('passed');
    expect(m.verdicts.warnings.map((w) => w.observation.signature)).toEqual([broken(R.identicalTwice)]);
  });

  test('a warning is collected once per signature and never thrown (unless strict); an answer check\'s failure is thrown', () => {
    const v = new Verdicts(false);
    for (let i = 0; i < 3; i++) v.broke(R.queueState, `m${i}`);
    expect(v.warnings.map((w) => [w.observation.verdict, w.count])).toEqual([['warn', 3]]);
    expect(() => new Verdicts(true).broke(R.queueState, 'm')).toThrow(ExplorationFailure);
    const status = { ...observationOf({ ...R.addressed, check: 'status' }, 'HTTP 418', false), signature: 'poll status HTTP 418' };
    expect(() => v.observe(status)).toThrow(ExplorationFailure);
  });
});

test('steps with the spec\'s x-side-effect run only where side effects are allowed; createMobileAgentCall only where it may dial', () => {
  const side = (['createClickToCall', 'leaveMessage', 'mobileCall', 'checkSupport', 'clickToCallEvents', 'dropClickToCall', 'poll'] as const).filter((op) => hasSideEffect({ op, c: 0 } as Step));
  expect(side).toEqual(['createClickToCall', 'leaveMessage', 'mobileCall']);
  const m = model();
  m.sideEffects = false;
  expect(enabled(m, { op: 'createClickToCall', c: 0 })).toBe(false);
  expect(enabled(m, { op: 'checkSupport', c: 0 })).toBe(true);
  m.sideEffects = true;
  m.canDial = false;
  expect(enabled(m, { op: 'mobileCall', c: 0 })).toBe(false);
  expect(enabled(m, { op: 'leaveMessage', c: 0 })).toBe(true);
});
