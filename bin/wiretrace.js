#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';
import { unexpectedErrorLine } from '../dist/src/cli/unexpected.js';

// Whatever escapes main (an error thrown from a stream callback) is still one line with a catalog code.
const die = (error) => {
  process.stderr.write(unexpectedErrorLine(error));
  process.exit(1);
};
process.on('uncaughtException', die);
process.on('unhandledRejection', die);

main(process.argv).then((code) => {
  process.exitCode = code;
});
