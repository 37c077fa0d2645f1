#!/usr/bin/env node
// The `cdebug` program: the CLI that tsc builds (dist/cli/main.js), run as it is.

import { main } from '../dist/cli/main.js';

// Ends the process as soon as a command's result is known and what it printed is out: waiting
// for Node to run out of work would also wait on whatever else is still open (input queued for
// a command that is gone, a timer). stdout and stderr to files, pipes and terminals are written
// synchronously on Linux; elsewhere (macOS pipes) their queues are let drain first. `serve`
// has closed everything it opened by the time it returns, and ends as Node does.
function exitWhenFlushed(code) {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  process.exitCode = code;
  let left = pending.length;
  for (const stream of pending) {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      if (--left === 0) process.exit(code);
    };
    stream.on('drain', done);
    stream.on('error', done);
  }
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => (argv[0] === 'serve' ? (process.exitCode = code) : exitWhenFlushed(code)),
  (err) => {
    process.stderr.write(`cdebug: unexpected error: ${err?.stack ?? err}\n`);
    process.exitCode = 125;
  },
);
