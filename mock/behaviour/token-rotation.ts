// Rotating ccmessaging-tokens (MOCK_TOKEN_ROTATE_EVERY=N): every Nth request a ccmessaging-token authenticates, the
// tenant hands out a fresh token for the same customer in the `ccmessaging-token` response header, as the facts say a
// tenant may (../shared/seeds/README.md, Tokens), and stops honouring the old one MOCK_TOKEN_ROTATE_GRACE_S seconds
// later (0: at once). The client must adopt the fresh token for every later request.
import type { ClientToken } from '../state/model.js';
import type { FaultSettings } from './options.js';
import type { Tenant } from '../state/tenant.js';
import { issueClientToken } from '../state/tokens.js';

export class TokenRotation {
  /** Requests each token authenticated (bounded: a forgotten token's count is worthless). */
  private uses = new Map<string, number>();
  rotated = 0;

  /** The fresh token to hand out with this request's answer, or undefined. */
  use(t: Tenant, faults: FaultSettings, token: ClientToken): string | undefined {
    const every = faults.tokenRotateEvery;
    if (!(every > 0)) return undefined;
    const n = (this.uses.get(token.token) ?? 0) + 1;
    if (n < every) {
      if (this.uses.size > 100_000) this.uses.clear();
      this.uses.set(token.token, n);
      return undefined;
    }
    this.uses.delete(token.token);
    const { token: _old, expiresAt, ...fields } = token;
    const fresh = issueClientToken(t, faults, fields);
    // The new token lives as long as the old one had left; the old one only the grace period more.
    fresh.expiresAt = expiresAt;
    token.expiresAt = Math.min(expiresAt, t.store.now + faults.tokenRotateGraceS * 1000);
    this.rotated++;
    return fresh.token;
  }

  reset(): void {
    this.uses.clear();
    this.rotated = 0;
  }
}
