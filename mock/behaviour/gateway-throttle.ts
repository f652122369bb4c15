// The API Fabric gateway's throttling (MOCK_THROTTLE_RPS): more than that many requests in one second per app key
// are refused as a real gateway refuses them (facts, ../shared/seeds/README.md): HTTP 429 with
// `{"errorCode":"APIGW.0308","exceptionInfo":…}` and `Retry-After` (MOCK_THROTTLE_RETRY_AFTER: delta-seconds, an
// HTTP date, or none), except feedbacksatisfaction, the one operation that documents flow control: HTTP 200 with
// resultCode "10010000002". Per client scope like every fault (faults.ts): the process-wide setting counts every
// client of an app key together, as a gateway does. Only the API Fabric host; the CC-Gateway is not behind it.
import { errorBody, type AnyReply } from '../http/errors.js';
import type { ClientFaults } from './faults.js';
import { FLOW_CONTROL_CODE } from './flow-control.js';
import type { RetryAfterForm } from './options.js';

export const GATEWAY_THROTTLE_CODE = 'APIGW.0308';
/** The operations whose documents name the flow-control result code (facts: feedbacksatisfaction). */
const DOCUMENTED_FLOW_CONTROL = new Set(['feedbackSatisfaction']);

export class GatewayThrottle {
  /** client scope and app key → the current one-second window. */
  private windows = new Map<string, { second: number; count: number }>();
  /** Answers refused so far (the admin endpoint's health shows it). */
  refused = 0;

  constructor(private readonly now: () => number, private readonly retryAfter: () => RetryAfterForm) {}

  /** The throttled answer for this request, or undefined to let it through. */
  check(operationId: string, appKey: string | undefined, scope: ClientFaults): AnyReply | undefined {
    const limit = scope.faults.throttleRps;
    if (!(limit > 0)) return undefined;
    const now = this.now();
    const second = Math.floor(now / 1000);
    const key = `${scope.client}\u0000${appKey ?? ''}`;
    let w = this.windows.get(key);
    if (!w || w.second !== second) {
      if (this.windows.size > 10_000) this.windows.clear();
      w = { second, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count < limit) {
      w.count++;
      return undefined;
    }
    this.refused++;
    if (DOCUMENTED_FLOW_CONTROL.has(operationId)) return { status: 200, body: { resultCode: FLOW_CONTROL_CODE, resultDesc: 'Access failed because of flow control' } };
    const next = (second + 1) * 1000;
    const form = this.retryAfter();
    const headers: Record<string, string> = form === 'seconds' ? { 'retry-after': String(Math.max(1, Math.ceil((next - now) / 1000))) }
      : form === 'date' ? { 'retry-after': new Date(next + 999).toUTCString() } : {};
    return { status: 429, headers, body: errorBody(GATEWAY_THROTTLE_CODE, `The throttling threshold has been reached: more than ${limit} requests per second for this app key`) };
  }

  reset(): void {
    this.windows.clear();
    this.refused = 0;
  }
}
