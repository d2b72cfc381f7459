// The process entry: bin/netreach imports the compiled dist/cli/bin.js; tests and development
// run this file through tsx. Everything a command needs is loaded by the command (see main.ts).
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
