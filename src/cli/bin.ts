#!/usr/bin/env node
import { main } from './main.js';
import { processIo } from './io.js';

const code = await main(process.argv.slice(2), processIo());
process.exitCode = code;
// Let stdout drain, but never linger on an idle keep-alive socket once the work is done.
setTimeout(() => process.exit(code), 1000).unref();
