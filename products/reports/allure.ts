// Allure HTML from Allure results, as one self-contained file that opens from disk (file://): the awesome report in
// single-file mode (its data inlined, no fetch), so a downloaded CI artifact opens with a double click instead of
// showing a spinner. Optionally with Allure's own history (trend charts, each test's history): Allure 3 reads the
// earlier runs from a JSON-lines file (historyPath; one line per run, the oldest dropped past historyLimit) and appends
// this run to it. The CLI takes the history settings only from a config file, so one is written for the call.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/suite/config.js';

export interface AllureOptions {
  /** The allure-results directory. */
  results: string;
  /** The report directory (index.html, summary.json). */
  output: string;
  name: string;
  /** Allure's history file (JSON lines), read and appended to; none = a report without history. */
  historyPath?: string;
  /** Runs kept in the history file. */
  historyLimit?: number;
}

/**
 * The awesome report always adds a Google Analytics tag (the template hard-codes it): a report of a tenant's checks
 * must not call out when someone opens it, and offline it would only fail. The self-tests open the report with every
 * request off file:// failing the test, so a changed template shows up there.
 */
export function withoutAnalytics(html: string): string {
  return html.replace(/<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*<script>[^<]*?gtag\('config'[^<]*<\/script>/, '');
}

/** Generates the report; returns the CLI's output on failure (exit code other than 0), undefined on success. */
export function generateAllure(o: AllureOptions): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'cec-allure-'));
  try {
    const config = join(dir, 'allurerc.json');
    writeFileSync(config, JSON.stringify({
      name: o.name,
      output: o.output,
      ...(o.historyPath ? { historyPath: o.historyPath, historyLimit: o.historyLimit } : {}),
      plugins: { awesome: { options: { singleFile: true, reportName: o.name } } },
    }));
    const cli = join(PROJECT_ROOT, 'node_modules', 'allure', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'generate', o.results, '--config', config], {
      cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024,
    });
    if (r.status !== 0) return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() || `allure exited ${r.status ?? r.signal}`;
    const index = join(o.output, 'index.html');
    writeFileSync(index, withoutAnalytics(readFileSync(index, 'utf8')));
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
