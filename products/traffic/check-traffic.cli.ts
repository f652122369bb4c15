// npm run check-traffic -- <file.har | newman-run.json | postman-collection.json> [--out=<dir>] [--strict]
// npm run check-traffic -- --from-exchanges=reports/exchanges
// Checks a client's recorded traffic against the contract (products/traffic/); exit 0, 1 (a finding fails) or 2.
import { config as loadDotenv } from 'dotenv';
import { checkTrafficCommand } from './command.js';

loadDotenv({ quiet: true });
process.exitCode = checkTrafficCommand(process.argv.slice(2), process.env, (t) => console.log(t), (t) => console.error(t));
