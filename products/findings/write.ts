// Writes a findings report where the other reports find it: <dir>/findings.json and the page <dir>/findings/index.html,
// both masked, and says where the page is. The suite's reporter and the traffic check (products/traffic/) use it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { maskText } from '../../src/contract/secrets.js';
import type { FindingsReport } from './model.js';
import { renderFindingsHtml } from './page.js';

/** Writes the report under `dir`; returns the page's path as a person types it (relative to the working directory when inside it). */
export function writeFindings(dir: string, report: FindingsReport, links: Record<string, string> = {}): string {
  const pageDir = join(dir, 'findings');
  mkdirSync(pageDir, { recursive: true });
  writeFileSync(join(dir, 'findings.json'), maskText(`${JSON.stringify(report, null, 2)}\n`));
  const page = join(pageDir, 'index.html');
  writeFileSync(page, maskText(renderFindingsHtml(report, links)));
  const shown = relative(process.cwd(), page);
  return shown.startsWith('..') ? page : shown;
}
