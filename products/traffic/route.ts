// Which operation of the spec an entry is: its path ends with an operation's path template (a tenant may serve the
// API under a prefix), on either host. Paths under the spec's roots (/apiaccess, /apigovernance, /agentgateway)
// that no template matches are this API's but undocumented; everything else is another host's traffic.
import type { Contract } from '../../src/contract/contract.js';
import type { OperationInfo } from '../../src/contract/spec.js';

export type Route =
  | { kind: 'operation'; op: OperationInfo; pathParams: Record<string, string>; url: URL; methodMatches: boolean }
  /** A CORS preflight the browser sent on its own (OPTIONS with Access-Control-Request-Method). */
  | { kind: 'preflight'; url: URL }
  | { kind: 'undocumented'; url: URL }
  | { kind: 'other' };

interface Template { op: OperationInfo; pattern: RegExp; names: string[] }

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Router {
  private readonly templates: Template[];
  private readonly roots: RegExp;

  constructor(contract: Contract) {
    this.templates = [...contract.operations.values()].map((op) => {
      const names: string[] = [];
      const body = op.path.split(/(\{[^}]+\})/).map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (!m) return escapeRegExp(part);
        names.push(m[1]);
        return '([^/]+)';
      }).join('');
      return { op, pattern: new RegExp(`^(.*?)${body}/?$`), names };
    });
    const roots = new Set([...contract.operations.values()].map((op) => op.path.split('/')[1]));
    this.roots = new RegExp(`(?:^|/)(?:${[...roots].map(escapeRegExp).join('|')})(?:/|$)`);
  }

  route(method: string, rawUrl: string, headers: Record<string, string>): Route {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return { kind: 'other' };
    }
    const path = url.pathname;
    if (!this.roots.test(path)) return { kind: 'other' };
    if (method === 'OPTIONS' && headers['access-control-request-method']) return { kind: 'preflight', url };
    // The template with the shortest prefix wins; among them, the one of this method.
    const hits = this.templates.flatMap((t) => {
      const m = t.pattern.exec(path);
      return m ? [{ t, m }] : [];
    }).sort((a, b) => a.m[1].length - b.m[1].length);
    if (!hits.length) return { kind: 'undocumented', url };
    const best = hits.filter((h) => h.m[1].length === hits[0].m[1].length);
    const hit = best.find((h) => h.t.op.method === method.toLowerCase()) ?? best[0];
    const pathParams = Object.fromEntries(hit.t.names.map((n, i) => [n, decode(hit.m[i + 2])]));
    return { kind: 'operation', op: hit.t.op, pathParams, url, methodMatches: hit.t.op.method === method.toLowerCase() };
  }
}
