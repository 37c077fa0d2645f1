// Ends the process as soon as the command's result is known and what it printed is out.
// Waiting for Node to run out of work instead would wait on whatever else is still open (a
// keep-alive socket, input queued for a command that is gone, a timer); on Linux, stdout and
// stderr are written synchronously to files, pipes and terminals, so nothing is pending there,
// and elsewhere (macOS pipes) their queues are let drain first.
'use strict';

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

module.exports = { exitWhenFlushed };
