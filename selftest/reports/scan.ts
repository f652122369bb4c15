// A secret scan of a reports directory: every file, and inside every file what it carries compressed or encoded —
// zip archives (blob reports, any .zip, the zip the Playwright HTML report embeds as base64 in index.html), gzip,
// and base64 runs (attachments in blob reports and traces are base64), recursively.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';

export interface Hit {
  /** The file, relative to the scanned root, and the way into it (`index.html › base64 › report.json`). */
  where: string;
  /** Which needle (its name, never its value). */
  needle: string;
}

/** The entries of a zip archive (stored or deflated), read from its central directory; [] when it is not a zip. */
export function unzip(buf: Buffer): Array<{ name: string; data: Buffer }> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; data: Buffer }> = [];
  for (let n = 0; n < count && p + 46 <= buf.length && buf.readUInt32LE(p) === 0x02014b50; n++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    try {
      out.push({ name, data: method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : Buffer.alloc(0) });
    } catch {
      out.push({ name: `${name} (unreadable)`, data: Buffer.from(raw) });
    }
  }
  return out;
}

const BASE64_RUN = /[A-Za-z0-9+/]{32,}={0,2}/g;
const MAX_DEPTH = 4;

/** Every needle found in `data` or in what it carries (recursively), with where. */
export function scanBuffer(data: Buffer, where: string, needles: Record<string, string>, depth = 0, hits: Hit[] = []): Hit[] {
  const text = data.toString('latin1');
  for (const [name, value] of Object.entries(needles)) {
    if (text.includes(value)) hits.push({ where, needle: name });
  }
  if (depth >= MAX_DEPTH) return hits;
  if (data.length > 4 && data.readUInt32LE(0) === 0x04034b50) {
    for (const e of unzip(data)) scanBuffer(e.data, `${where} › ${e.name}`, needles, depth + 1, hits);
  } else if (data.length > 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      scanBuffer(gunzipSync(data), `${where} › gunzip`, needles, depth + 1, hits);
    } catch { /* not gzip after all */ }
  }
  for (const m of text.matchAll(BASE64_RUN)) {
    const decoded = Buffer.from(m[0], 'base64');
    // Decode only what decodes to something: text, or a zip/gzip archive.
    const isArchive = decoded.length > 4 && (decoded.readUInt32LE(0) === 0x04034b50 || (decoded[0] === 0x1f && decoded[1] === 0x8b));
    if (isArchive || /^[\x09\x0a\x0d\x20-\x7e]{8}/.test(decoded.subarray(0, 8).toString('latin1'))) {
      scanBuffer(decoded, `${where} › base64@${m.index}`, needles, depth + 1, hits);
    }
  }
  return hits;
}

/** Every file under `root`. */
export function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Scans every file under `root` for every needle; returns the hits (file relative to root). */
export function scanDir(root: string, needles: Record<string, string>): { files: number; bytes: number; hits: Hit[] } {
  const hits: Hit[] = [];
  let bytes = 0;
  const files = filesUnder(root);
  for (const f of files) {
    bytes += statSync(f).size;
    scanBuffer(readFileSync(f), relative(root, f), needles, 0, hits);
  }
  return { files: files.length, bytes, hits };
}
