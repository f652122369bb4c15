// What the tenant's logic works with outside any one request: its data, its settings, and the delivery and token
// hooks in force (the defaults, or replacements given to buildApp).
import type { DeliveryHooks, TokenHooks } from '../behaviour/hooks.js';
import type { MockOptions } from '../behaviour/options.js';
import type { MockStore } from './store.js';

export interface Tenant {
  store: MockStore;
  options: MockOptions;
  hooks: { delivery: DeliveryHooks; tokens: TokenHooks };
}
