// Flow control: more than rateLimit requests in one second from an app key, or an injected flow-control fault,
// answers HTTP 200 with resultCode "10010000002". Both are per client (faults.ts): a client with its own settings is
// counted on its own. Only operations whose documented 200 body can carry that answer get it (decided against the
// spec, so tokenByAkSk and the CC-Gateway's retcode answers are left alone).
import { validateResponseBody } from '../../src/contract/validators.js';
import type { ClientFaults } from './faults.js';

export const FLOW_CONTROL_CODE = '10010000002';

const bodies = new Map<string, Record<string, unknown> | undefined>();

/** The flow-control answer of an operation, or undefined when its 200 schema cannot express one. */
export function flowControlBody(operationId: string): Record<string, unknown> | undefined {
  if (!bodies.has(operationId)) {
    const body: Record<string, unknown> = { resultCode: FLOW_CONTROL_CODE, resultDesc: 'Access failed because of flow control' };
    // poll's answer always carries the (here empty) message list.
    if (operationId === 'poll') body.downlinkMessages = [];
    bodies.set(operationId, validateResponseBody(operationId, 200, body).valid ? body : undefined);
  }
  return bodies.get(operationId);
}

export class FlowControl {
  /** client and app key → the current one-second window. */
  private windows = new Map<string, { second: number; count: number }>();

  constructor(private readonly now: () => number) {}

  /** The flow-control answer for this request of `scope`'s client, or undefined to let it through. */
  check(operationId: string, appKey: string | undefined, scope: ClientFaults): Record<string, unknown> | undefined {
    const body = flowControlBody(operationId);
    if (!body) return undefined;
    const { rateLimit, flowControlRate } = scope.faults;
    if (scope.prng.chance(flowControlRate)) return body;
    if (rateLimit <= 0) return undefined;
    const second = Math.floor(this.now() / 1000);
    const key = `${scope.client}\u0000${appKey ?? ''}`;
    let w = this.windows.get(key);
    if (!w || w.second !== second) {
      if (this.windows.size > 10_000) this.windows.clear(); // bounded: stale windows are worthless anyway
      w = { second, count: 0 };
      this.windows.set(key, w);
    }
    return ++w.count > rateLimit ? body : undefined;
  }

  reset(): void {
    this.windows.clear();
  }
}
