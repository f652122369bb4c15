// npm run health:summary: the last health night in Markdown on stdout, from the history under reports/ (or
// CEC_REPORTS_DIR). The nightly CI job appends it to the job summary: `npm run -s health:summary >> "$GITHUB_STEP_SUMMARY"`.
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/suite/config.js';
import { historyFiles, readHistory } from './history.js';
import { nightMarkdown } from './markdown.js';

const raw = process.env.CEC_REPORTS_DIR?.trim() || 'reports';
const reports = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
process.stdout.write(nightMarkdown(readHistory(historyFiles(reports).nights), isAbsolute(raw) ? join(reports, 'health', 'index.html') : join(raw, 'health', 'index.html')));
