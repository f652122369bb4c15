// A traffic file of any supported kind, recognised by its shape: HAR 1.2, a Newman run (JSON reporter), a Postman
// collection with saved responses; or the suite's exchange records (a directory of reports/exchanges/*.jsonl),
// exported through HAR.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readExchanges } from '../../src/contract/exchange.js';
import type { TrafficEntry } from './entry.js';
import { exchangesToHar, isHar, readHar } from './har.js';
import { isNewmanRun, isPostmanCollection, readNewmanRun, readPostmanCollection } from './postman.js';

export type TrafficFormat = 'har' | 'newman' | 'postman-collection' | 'exchange-records';

export interface Traffic {
  format: TrafficFormat;
  entries: TrafficEntry[];
}

/** The file cannot be read as traffic: the command's usage error (exit 2). */
export class TrafficReadError extends Error {}

/** A parsed document as traffic. */
export function trafficOf(doc: unknown, name: string): Traffic {
  if (isHar(doc)) return { format: 'har', entries: readHar(doc) };
  if (isNewmanRun(doc)) return { format: 'newman', entries: readNewmanRun(doc) };
  if (isPostmanCollection(doc)) {
    const entries = readPostmanCollection(doc);
    if (!entries.length) throw new TrafficReadError(`${name} is a Postman collection without saved responses: export the run with Newman (newman run … -r json --reporter-json-export run.json) or as a HAR`);
    return { format: 'postman-collection', entries };
  }
  if (Array.isArray((doc as { results?: unknown } | null)?.results)) {
    throw new TrafficReadError(`${name} looks like a Postman Collection Runner export, which holds results but not the requests and responses: run the collection with Newman (-r json) or export a HAR`);
  }
  throw new TrafficReadError(`${name} is neither a HAR (log.entries), a Newman run (run.executions) nor a Postman collection with saved responses`);
}

/** Reads a traffic file, or the suite's exchange records when `path` is their directory. */
export function readTraffic(path: string): Traffic {
  if (!existsSync(path)) throw new TrafficReadError(`${path} does not exist`);
  if (statSync(path).isDirectory()) {
    const records = readExchanges(path);
    if (!records.length) throw new TrafficReadError(`${path} holds no exchange records (*.jsonl): run the suite first (npm run conformance)`);
    return { format: 'exchange-records', entries: readHar(exchangesToHar(records)) };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TrafficReadError(`${path} is not JSON: ${(e as Error).message}`);
  }
  return trafficOf(doc, path);
}
