#!/usr/bin/env node
import { main } from './main.js';
import { processIo } from './io.js';

const code = await main(process.argv.slice(2), processIo());
// Exit once stdout and stderr have drained, without lingering on idle keep-alive sockets.
const drained = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
