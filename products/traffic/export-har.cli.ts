// npm run export-har -- [--from=reports/exchanges] [--out=reports/traffic/run.har]
// The suite's exchange records of a run (masked) as one HAR 1.2 file: open it in a browser's dev tools, a proxy, or
// feed it to npm run check-traffic.
import { config as loadDotenv } from 'dotenv';
import { exportHarCommand } from './export.js';

loadDotenv({ quiet: true });
process.exitCode = exportHarCommand(process.argv.slice(2), process.env, (t) => console.log(t), (t) => console.error(t));
