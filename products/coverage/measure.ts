// Spec coverage from what a run actually sent and received, at the coverage levels of REST API testing research
// (Martin-Lopez et al., "Test Coverage Criteria for RESTful Web APIs"): paths, operations, content types,
// parameters, parameter values, status codes, response properties, operation flows; plus the documented result
// codes, and the drift: response fields the spec does not name.
import { allTargets, JOURNEYS, type OperationTargets } from './targets.js';
import { resultCodeOf } from '../../src/contract/result-code.js';
import { testKey, type ExchangeRecord } from '../../src/contract/exchange.js';
import type { ExploreCoverageData, ExploreCoverageSummary } from '../explore/coverage.js';

/** What coverage reads of an exchange record (tests build such partial records). */
export type Exchange = Pick<ExchangeRecord, 'method' | 'url'> & Partial<Pick<ExchangeRecord, 'operationId' | 'status' | 'durationMs' | 'response'>>
  & { request: Partial<ExchangeRecord['request']>; test?: { file: string; titlePath: string[]; retry?: number } };

export interface LevelTotal { level: string; covered: number; total: number; percent: number }
export interface Item { name: string; covered: boolean }
export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  calls: number;
  statuses: Item[];
  resultCodes: Item[];
  parameters: Item[];
  parameterValues: Item[];
  responseProperties: Item[];
  contentTypes: Item[];
  observedStatuses: string[];
  observedResultCodes: string[];
}
export interface Coverage {
  generatedAt: string;
  exchanges: number;
  totals: LevelTotal[];
  operations: OperationCoverage[];
  journeys: Item[];
  flows: Array<{ test: string; operations: string[] }>;
  drift: Array<{ operationId: string; path: string; count: number }>;
  /** The states and transitions of the session model the exploration reached (products/explore/), when it ran. */
  exploration?: ExploreCoverageData & { summary: ExploreCoverageSummary };
}

const pathRegex = (template: string): RegExp => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

function operationOf(x: Exchange, targets: OperationTargets[]): OperationTargets | undefined {
  if (x.operationId) return targets.find((t) => t.operationId === x.operationId);
  const pathname = new URL(x.url, 'http://x').pathname;
  return targets.find((t) => t.method === x.method.toUpperCase() && pathRegex(t.path).test(pathname));
}

/** Every property path of a JSON value (arrays as *), with the primitive values seen at each. */
function walk(value: unknown, prefix = '', out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  if (Array.isArray(value)) value.forEach((v) => walk(v, `${prefix}/*`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = `${prefix}/${k}`;
      if (!out.has(path)) out.set(path, []);
      if (v === null || typeof v !== 'object') out.get(path)!.push(v);
      walk(v, path, out);
    }
  }
  return out;
}

const header = (h: Record<string, string> | undefined, name: string): string | undefined =>
  Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];


const isSubsequence = (needle: string[], hay: string[]): boolean => {
  let i = 0;
  for (const h of hay) if (h === needle[i]) i++;
  return i === needle.length;
};

const items = (names: string[], seen: Set<string>): Item[] => names.map((name) => ({ name, covered: seen.has(name) }));

export function measure(exchanges: Exchange[], now = new Date()): Coverage {
  const targets = allTargets();
  const seen = new Map<string, { calls: number; statuses: Set<string>; codes: Set<string>; params: Set<string>; values: Set<string>; props: Set<string>; types: Set<string>; drift: Map<string, number> }>();
  const flows = new Map<string, { test: string; operations: string[] }>();
  for (const t of targets) seen.set(t.operationId, { calls: 0, statuses: new Set(), codes: new Set(), params: new Set(), values: new Set(), props: new Set(), types: new Set(), drift: new Map() });

  for (const x of exchanges) {
    const t = operationOf(x, targets);
    if (!t) continue;
    const s = seen.get(t.operationId)!;
    s.calls++;
    const key = testKey(x);
    if (key) {
      const flow = flows.get(key) ?? { test: key, operations: [] };
      flow.operations.push(t.operationId);
      flows.set(key, flow);
    }
    // Input side: parameters and enumerated values actually sent.
    const url = new URL(x.url, 'http://x');
    for (const [k, v] of url.searchParams) { s.params.add(`query:${k}`); s.values.add(`query:${k}=${v}`); }
    for (const p of t.parameters) {
      if (p.startsWith('header:') && header(x.request.headers, p.slice(7)) !== undefined) s.params.add(p);
      if (p.startsWith('path:')) s.params.add(p);
    }
    const reqType = header(x.request.headers, 'content-type');
    if (x.request.body !== undefined && reqType) s.types.add(`request ${reqType.split(';')[0].trim().toLowerCase()}`);
    for (const [path, values] of walk(x.request.body)) {
      if (!path.slice(1).includes('/')) s.params.add(`body:${path}`);
      for (const v of values) s.values.add(`body:${path}=${String(v)}`);
    }
    // Output side: statuses, result codes, properties, drift.
    if (x.status === undefined || x.status === null) continue;
    s.statuses.add(String(x.status));
    const resType = header(x.response?.headers, 'content-type');
    if (resType) s.types.add(`response ${resType.split(';')[0].trim().toLowerCase()}`);
    const code = resultCodeOf(x.response?.body);
    if (x.status === 200 && code !== undefined) s.codes.add(code);
    if (x.status === 200) {
      const documented = new Set(t.responseProperties);
      for (const path of walk(x.response?.body).keys()) {
        if (documented.has(path)) s.props.add(path);
        else s.drift.set(path, (s.drift.get(path) ?? 0) + 1);
      }
    }
  }

  const operations: OperationCoverage[] = targets.map((t) => {
    const s = seen.get(t.operationId)!;
    const valueNames = Object.entries(t.enumValues).flatMap(([param, values]) => values.map((v) => `${param}=${String(v)}`));
    return {
      operationId: t.operationId,
      method: t.method,
      path: t.path,
      calls: s.calls,
      statuses: items(t.statuses, s.statuses),
      resultCodes: items(t.resultCodes, s.codes),
      parameters: items(t.parameters, s.params),
      parameterValues: items(valueNames, s.values),
      responseProperties: items(t.responseProperties, s.props),
      contentTypes: items([...t.requestContentTypes.map((c) => `request ${c}`), ...t.responseContentTypes.map((c) => `response ${c}`)], s.types),
      observedStatuses: [...s.statuses].sort(),
      observedResultCodes: [...s.codes].sort(),
    };
  });
  const journeys = Object.entries(JOURNEYS).map(([name, seq]) => ({ name, covered: [...flows.values()].some((f) => isSubsequence(seq, f.operations)) }));
  const sum = (level: string, pick: (o: OperationCoverage) => Item[]): LevelTotal => {
    const all = operations.flatMap(pick);
    const covered = all.filter((i) => i.covered).length;
    return { level, covered, total: all.length, percent: all.length ? Math.round((covered / all.length) * 1000) / 10 : 100 };
  };
  const distinctPaths = new Set(targets.map((t) => t.path));
  const hitPaths = new Set(operations.filter((o) => o.calls > 0).map((o) => o.path));
  const level = (name: string, covered: number, total: number): LevelTotal => ({ level: name, covered, total, percent: total ? Math.round((covered / total) * 1000) / 10 : 100 });
  return {
    generatedAt: now.toISOString(),
    exchanges: exchanges.length,
    totals: [
      level('paths', hitPaths.size, distinctPaths.size),
      level('operations', operations.filter((o) => o.calls > 0).length, operations.length),
      sum('content types', (o) => o.contentTypes),
      sum('parameters', (o) => o.parameters),
      sum('parameter values', (o) => o.parameterValues),
      sum('status codes', (o) => o.statuses),
      sum('result codes', (o) => o.resultCodes),
      sum('response properties', (o) => o.responseProperties),
      level('operation flows', journeys.filter((j) => j.covered).length, journeys.length),
    ],
    operations,
    journeys,
    flows: [...flows.values()],
    drift: targets.flatMap((t) => [...seen.get(t.operationId)!.drift].map(([path, count]) => ({ operationId: t.operationId, path, count }))),
  };
}
