// npm run mock [-- --https --port=3180 ...]: the mock tenant in the foreground. Prints its URL and the credentials it
// accepts; one process serves the API Fabric/CEC paths and the CC-Gateway agent paths.
import { readOptions, serve, usage } from './serve.js';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log(usage());
} else {
  const options = readOptions(process.env, argv);
  if (options) await serve({ options });
}
