#!/usr/bin/env node
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
// The command is over when main returns; work it gave up on (a registry request cut off at its deadline
// leaves retry timers behind) must not hold the shell. Stragglers get a second, then the process ends.
// The timer is unref'd: a process with nothing left to do exits at once, without waiting for it.
setTimeout(() => process.exit(), 1000).unref();
