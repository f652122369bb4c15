// Writes the statement where the other reports find it: <dir>/conformance.json, the page
// <dir>/conformance/index.html and <dir>/conformance-junit.xml, all masked; returns the page's path as a person types it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { maskText } from '../../src/contract/secrets.js';
import { conformanceJunit } from './junit.js';
import { renderConformanceHtml } from './page.js';
import type { ConformanceStatement } from './statement.js';

export function writeStatement(dir: string, s: ConformanceStatement, links: Record<string, string> = {}): string {
  const pageDir = join(dir, 'conformance');
  mkdirSync(pageDir, { recursive: true });
  writeFileSync(join(dir, 'conformance.json'), maskText(`${JSON.stringify(s)}\n`));
  writeFileSync(join(dir, 'conformance-junit.xml'), maskText(conformanceJunit(s)));
  const page = join(pageDir, 'index.html');
  writeFileSync(page, maskText(renderConformanceHtml(s, links)));
  const shown = relative(process.cwd(), page);
  return shown.startsWith('..') ? page : shown;
}
