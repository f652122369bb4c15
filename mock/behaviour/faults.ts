// Injected faults, per client. A request that names its client in the X-Mock-Client header meets the faults set for
// that client (POST /__mock/faults {"client": "<id>", ...}) over the process-wide ones (MOCK_* settings and
// POST /__mock/faults without a client); a request without it meets the process-wide ones. So one test can make its
// own requests fail while every other client of the same mock is served normally.
//
// Rolled per request before anything else: added latency, dropped connections and 503s with Retry-After. Flow
// control (flow-control.ts) and the token-TTL cap (tokens.ts) read the same per-request settings. The admin paths
// are exempt so faults can always be switched off again.
import type { FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERROR_CODES, errorBody } from '../http/errors.js';
import { Prng } from '../state/ids.js';
import type { FaultSettings } from './options.js';

export const ADMIN_PREFIX = '/__mock/';
/** The request header that names the client whose faults apply. */
export const CLIENT_HEADER = 'x-mock-client';
/** A client id: 1 to 200 visible ASCII characters (it travels in a header). */
export const CLIENT_ID = /^[\x21-\x7e]{1,200}$/;
/** Clients remembered at most (the oldest settings go first). */
const MAX_CLIENTS = 10_000;

/** The faults in force for one request, with the dice they are rolled with. */
export interface ClientFaults {
  /** The client id, or '' for the process-wide settings. */
  client: string;
  faults: FaultSettings;
  prng: Prng;
}

export class FaultScopes {
  private readonly start: FaultSettings;
  private readonly prng: Prng;
  private readonly clients = new Map<string, { changes: Partial<FaultSettings>; prng: Prng }>();

  /** `defaults` is the live process-wide settings object (options.faults), changed in place. */
  constructor(private readonly defaults: FaultSettings, private readonly seed: string) {
    this.start = { ...defaults };
    this.prng = new Prng(`${seed}:faults`);
  }

  /** The faults for a request of `client` (undefined or unknown: the process-wide ones). */
  of(client: string | undefined): ClientFaults {
    const scoped = client === undefined ? undefined : this.clients.get(client);
    if (!scoped) return { client: '', faults: this.defaults, prng: this.prng };
    return { client: client!, faults: { ...this.defaults, ...scoped.changes }, prng: scoped.prng };
  }

  /** Changes the settings of `client`, or the process-wide ones when undefined; returns what is in force now. */
  set(client: string | undefined, changes: Partial<FaultSettings>): FaultSettings {
    if (client === undefined) {
      Object.assign(this.defaults, changes);
      return this.defaults;
    }
    const scoped = this.clients.get(client) ?? { changes: {}, prng: new Prng(`${this.seed}:faults:${client}`) };
    Object.assign(scoped.changes, changes);
    this.clients.delete(client);
    this.clients.set(client, scoped);
    if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    return this.of(client).faults;
  }

  /** The process-wide settings and, per client, the settings in force for it. */
  describe(): { faults: FaultSettings; clients: Record<string, FaultSettings> } {
    return { faults: this.defaults, clients: Object.fromEntries([...this.clients.keys()].map((c) => [c, this.of(c).faults])) };
  }

  /** Every client's settings forgotten, the process-wide ones back to their start. */
  reset(): void {
    this.clients.clear();
    Object.assign(this.defaults, this.start);
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The faults in force for this request (set before anything else runs). */
    mockFaults: ClientFaults;
    /** Set when an injected fault answers, so the reply skips response validation. */
    mockFault: boolean;
  }
}

/** The client a request names in X-Mock-Client (undefined: none, or not a valid id). */
export function clientOf(headers: Record<string, unknown>): string | undefined {
  const v = headers[CLIENT_HEADER];
  return typeof v === 'string' && CLIENT_ID.test(v) ? v : undefined;
}

export function registerFaults(app: FastifyInstance, scopes: FaultScopes): void {
  app.decorateRequest('mockFault', false);
  app.decorateRequest('mockFaults', null as unknown as ClientFaults);
  app.addHook('onRequest', async (request, reply) => {
    const scope = scopes.of(clientOf(request.headers));
    request.mockFaults = scope;
    if (request.url.startsWith(ADMIN_PREFIX)) return;
    const f = scope.faults;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (scope.prng.chance(f.dropRate)) {
      request.mockFault = true;
      reply.hijack();
      request.raw.socket?.destroy();
      return;
    }
    if (scope.prng.chance(f.fault503Rate)) {
      request.mockFault = true;
      return reply.code(503).header('retry-after', '1').send(errorBody(ERROR_CODES.unavailable, 'Service unavailable (injected fault); retry later'));
    }
  });
}
