// npm run health:summary: the last health night in Markdown on stdout, from the history under reports/ (or
// CEC_REPORTS_DIR). The nightly CI job appends it to the job summary: `npm run -s health:summary >> "$GITHUB_STEP_SUMMARY"`.
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/suite/config.js';
import { latestHistory, readHistory } from './history.js';
import { nightMarkdown } from './markdown.js';
import { commandLine } from '../command-line/command-line.js';

commandLine(`Usage: npm run health:summary

The last health night (of the tenant checked last) in Markdown on stdout, from <reports>/health-history/.
  -h, --help  this text
`, {});

const raw = process.env.CEC_REPORTS_DIR?.trim() || 'reports';
const reports = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
process.stdout.write(nightMarkdown(readHistory(latestHistory(reports)?.nights ?? ''), isAbsolute(raw) ? join(reports, 'health', 'index.html') : join(raw, 'health', 'index.html')));
