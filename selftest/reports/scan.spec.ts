// The secret scanner itself (selftest/reports/scan.ts): a scan that finds nothing means something only if it would
// have found the secret wherever a report may hide it.
import { deflateRawSync, gzipSync } from 'node:zlib';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { scanBuffer, scanDir, unzip } from './scan.js';

/** A minimal zip (deflated entries; the scanner does not check CRCs). */
function zip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = deflateRawSync(Buffer.from(content));
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(content), 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Buffer.byteLength(content), 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const needles = { secret: 'Qx7SecretValue42', marker: 'MintMarkZz' };

test('finds a secret in plain text, in a zip, in a zip inside base64 inside HTML, in gzip, and in base64 JSON', () => {
  expect(scanBuffer(Buffer.from(`{"a":"${needles.secret}"}`), 'plain.json', needles)).toEqual([{ where: 'plain.json', needle: 'secret' }]);
  const archive = zip({ 'report.jsonl': `{"token":"${needles.marker}abc"}\n`, 'other.txt': 'nothing' });
  expect(unzip(archive).map((e) => e.name)).toEqual(['report.jsonl', 'other.txt']);
  expect(scanBuffer(archive, 'report-1.zip', needles)).toEqual([{ where: 'report-1.zip › report.jsonl', needle: 'marker' }]);
  const html = `<html><script>window.playwrightReportBase64 = "data:application/zip;base64,${archive.toString('base64')}";</script></html>`;
  expect(scanBuffer(Buffer.from(html), 'index.html', needles).map((h) => h.where)).toEqual([expect.stringMatching(/^index\.html › base64@\d+ › report\.jsonl$/)]);
  expect(scanBuffer(gzipSync(`x ${needles.secret} y`), 'a.gz', needles)).toEqual([{ where: 'a.gz › gunzip', needle: 'secret' }]);
  const b64 = Buffer.from(JSON.stringify({ header: `Bearer ${needles.marker}0123456789` })).toString('base64');
  expect(scanBuffer(Buffer.from(`{"body":"${b64}"}`), 'blob.json', needles)).toEqual([expect.objectContaining({ needle: 'marker' })]);
  expect(scanBuffer(Buffer.from('all clear, ***'), 'clean.txt', needles)).toEqual([]);
});

test('scanDir walks every file and names the file of each hit', () => {
  const root = mkdtempSync(join(tmpdir(), 'scan-'));
  try {
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 'deep.txt'), `x${needles.secret}`);
    writeFileSync(join(root, 'clean.txt'), 'nothing');
    writeFileSync(join(root, 'blob.zip'), zip({ 'r.jsonl': needles.marker }));
    const r = scanDir(root, needles);
    expect(r.files).toBe(3);
    expect(r.hits.map((h) => `${h.where}:${h.needle}`).sort()).toEqual(['a/b/deep.txt:secret', 'blob.zip › r.jsonl:marker']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
