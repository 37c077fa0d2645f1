// The floor under cli_exec_true: the same engine calls `cdebug exec T true` makes (the target's
// inspect, the create with cdebug's own sidecar spec, the attach and both waits at once, the
// start, the removal's answer) from a Node program that does nothing else: no launcher, no
// bundle, no option parsing, no spec building (the bench writes the spec to a file first).
// What cdebug costs on top of Node itself is the difference between this arm and cdebug's.
//
//   node exec-floor.cjs SOCKET TARGET SPEC.json
'use strict';

const { connect } = require('node:net');
const { readFileSync } = require('node:fs');

const [socketPath, target, specFile] = process.argv.slice(2);

/** sends a request; `head` settles when the answer's head is in, `body` with the whole body */
function call(method, path, body, upgrade = false) {
  const socket = connect({ path: socketPath });
  const payload = body === undefined ? '' : body;
  const head = [`${method} ${path} HTTP/1.1`, 'Host: docker', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(payload)}`];
  head.push(upgrade ? 'Connection: Upgrade\r\nUpgrade: tcp' : 'Connection: close');
  socket.write(`${head.join('\r\n')}\r\n\r\n${payload}`);
  const chunks = [];
  let headSeen;
  const headIn = new Promise((resolve, reject) => {
    headSeen = resolve;
    socket.on('error', reject);
  });
  const whole = new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (c) => {
      chunks.push(c);
      headSeen(socket);
    });
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const split = text.indexOf('\r\n\r\n');
      let rest = text.slice(split + 4);
      if (/transfer-encoding: chunked/i.test(text.slice(0, split))) {
        let out = '';
        for (;;) {
          const eol = rest.indexOf('\r\n');
          const size = parseInt(rest.slice(0, eol), 16);
          if (!size) break;
          out += rest.slice(eol + 2, eol + 2 + size);
          rest = rest.slice(eol + 4 + size);
        }
        rest = out;
      }
      const status = Number(text.slice(9, 12));
      if (status >= 400) reject(new Error(`${method} ${path}: ${status} ${rest}`));
      else resolve(rest);
    });
  });
  whole.catch(() => undefined);
  return { head: headIn, body: whole };
}

(async () => {
  const spec = readFileSync(specFile, 'utf8');
  JSON.parse(await call('GET', `/containers/${target}/json`).body);
  const { Id: id } = JSON.parse(await call('POST', `/containers/create?name=cdebug-floor-${process.pid}`, spec).body);
  const attach = call('POST', `/containers/${id}/attach?stream=1&stdout=1&stderr=1&stdin=0`, undefined, true);
  const exited = call('POST', `/containers/${id}/wait?condition=next-exit`);
  const removed = call('POST', `/containers/${id}/wait?condition=removed`);
  await Promise.all([attach.head, exited.head, removed.head]);
  await call('POST', `/containers/${id}/start`).body;
  const { StatusCode } = JSON.parse(await exited.body);
  await removed.body;
  process.exit(StatusCode);
})().catch((err) => {
  process.stderr.write(`exec-floor: ${err.message}\n`);
  process.exit(125);
});
