// A committed YAML list of accepted exceptions, each with an id, a reason and an expiry date: the findings baseline
// (`findings:` by signature) and the health check's quarantine (`checks:` by check) read their files through it.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One entry as read: its id, reason, expiry (YYYY-MM-DD) and the entry's other fields as written. */
export interface ExpiringEntry { id: string; reason: string; expires: string; fields: Record<string, unknown> }

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The entries of `file`'s `listKey` list, each needing `idKey`, a non-empty `reason` and `expires` (a YAML date or
 * YYYY-MM-DD); no file is no entry. A problem is thrown as `fail(message)` naming the file and the entry.
 */
export function readExpiringList(file: string, listKey: string, idKey: string, idHelp: string, fail: (message: string) => Error): ExpiringEntry[] {
  if (!existsSync(file)) return [];
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw fail(`${file} is not YAML: ${(e as Error).message}`);
  }
  const list = (doc as Record<string, unknown> | null)?.[listKey] ?? [];
  if (!Array.isArray(list)) throw fail(`${file}: "${listKey}" must be a list`);
  return list.map((e, i) => {
    const fields = (e ?? {}) as Record<string, unknown>;
    const { [idKey]: id, reason, expires } = fields;
    const date = expires instanceof Date ? expires.toISOString().slice(0, 10) : expires;
    if (typeof id !== 'string' || typeof reason !== 'string' || !reason.trim() || typeof date !== 'string' || !DATE.test(date)) {
      throw fail(`${file}: entry ${i + 1} needs ${idKey}${idHelp}, reason and expires (YYYY-MM-DD)`);
    }
    return { id, reason, expires: date, fields };
  });
}
