#!/usr/bin/env node
// The lrfind binary (bin/lrfind.js imports this compiled file).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
