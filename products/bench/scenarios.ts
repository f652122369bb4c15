// The runs of the suite benchmark: which command (the conformance suite, or the health check) against which tenant
// (the embedded mock, or one of the broken tenants of broken-tenants.ts), and the deadline that kills a runaway run.
// Deadlines default to where issue 12's table killed the same run (300 s, 240 s, 120 s), so the figures compare.
import type { BrokenTenantName } from './broken-tenants.js';

export interface Scenario {
  name: string;
  command: 'conformance' | 'health';
  /** 'embedded': the mock Playwright starts itself (no CEC_BASE_URL); else a broken tenant. */
  tenant: 'embedded' | BrokenTenantName;
  /** MOCK_* settings of the embedded mock, or of the mock behind a proxy. */
  mockEnv: Record<string, string>;
  deadlineS: number;
  /** Part of the default selection (`--scenarios` unset). */
  byDefault: boolean;
  /** What the row is, for the table. */
  what: string;
}

/** The agent pickup delay every mock of the benchmark gets (the mock's default), unless the scenario says otherwise. */
export const DEFAULT_PICKUP_MS = 300;

const s = (name: string, command: Scenario['command'], tenant: Scenario['tenant'], deadlineS: number, byDefault: boolean, what: string, mockEnv: Record<string, string> = {}): Scenario =>
  ({ name, command, tenant, deadlineS, byDefault, what, mockEnv: { MOCK_AGENT_DELAY_MS: String(DEFAULT_PICKUP_MS), ...mockEnv } });

export const SCENARIOS: readonly Scenario[] = [
  s('conformance:mock', 'conformance', 'embedded', 300, true, 'npm run conformance against the embedded mock'),
  s('conformance:agent-1s', 'conformance', 'embedded', 300, true, 'the same, the agent picking up after 1 s (MOCK_AGENT_DELAY_MS=1000)', { MOCK_AGENT_DELAY_MS: '1000' }),
  s('conformance:text-plain', 'conformance', 'text-plain', 300, true, 'against a tenant that labels every JSON answer text/plain (a proxy in front of the mock)'),
  s('conformance:gateway-502', 'conformance', 'gateway-502', 240, true, 'against a gateway answering every request 502 (HTML)'),
  s('health:gateway-502', 'health', 'gateway-502', 300, true, 'npm run health against the 502 gateway'),
  s('health:ccmessaging-503', 'health', 'ccmessaging-503', 120, true, 'npm run health: token works, every ccmessaging call 503 with Retry-After: 1'),
  s('health:not-json', 'health', 'not-json', 300, false, 'npm run health against a tenant answering 200 with a body that is not JSON'),
  s('health:hang', 'health', 'hang', 120, false, 'npm run health against a tenant that accepts and never answers'),
  s('conformance:hang', 'conformance', 'hang', 120, false, 'npm run conformance against a tenant that accepts and never answers'),
  s('health:reset', 'health', 'reset', 120, false, 'npm run health against a tenant that resets every connection'),
  s('conformance:reset', 'conformance', 'reset', 120, false, 'npm run conformance against a tenant that resets every connection'),
  s('health:huge-json', 'health', 'huge-json', 120, false, 'npm run health against a tenant answering 200 JSON with a 64 MiB string field'),
  s('conformance:huge-json', 'conformance', 'huge-json', 120, false, 'npm run conformance against the 64 MiB tenant'),
  s('health:slow', 'health', 'slow', 120, false, 'npm run health against a tenant that answers after 20 s'),
  s('conformance:slow', 'conformance', 'slow', 120, false, 'npm run conformance against a tenant that answers after 20 s'),
  s('health:mock', 'health', 'embedded', 300, false, 'npm run health against the embedded mock (the healthy baseline)'),
];

/** The scenarios a `--scenarios=` value names: a comma-separated list of names, `default`, or `all`. */
export function selectScenarios(value: string | undefined): Scenario[] {
  if (!value || value === 'default') return SCENARIOS.filter((x) => x.byDefault);
  if (value === 'all') return [...SCENARIOS];
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !SCENARIOS.some((x) => x.name === n));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; scenarios: ${SCENARIOS.map((x) => x.name).join(', ')}, default, all`);
  return names.map((n) => SCENARIOS.find((x) => x.name === n)!);
}

/** The directory name of a scenario's reports (reports/bench-suite/<dir>/). */
export const dirOf = (scenario: Pick<Scenario, 'name'>): string => scenario.name.replace(/[^a-z0-9-]+/gi, '-');
