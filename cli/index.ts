#!/usr/bin/env node
// The lrfind binary (bin/lrfind.js imports this compiled file).
import { main } from './main.js';

// `lrfind … | head`: once the reader has gone, keep working (the files still get written) but stop printing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2));
