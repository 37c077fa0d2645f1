// Hostile toolkit image references on a real service and engine: malformed or absurdly long
// ones are refused at once with 400 invalid_image and start nothing; one that names a registry
// the engine cannot reach is accepted (201: pulling happens after the answer) and ends in
// failed / image_pull_failed. How long that takes is printed, not asserted: it is the engine's.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { docker, poll, sidecarsOf } from '../server/engine-fixtures.js';
import { useHostileService } from './harness.js';
import { json } from './raw-http.js';

const h = useHostileService('images');

const create = async (image: string) => {
  const { body, headers } = json({ target: h.target.name, image });
  return h.send({ method: 'POST', path: routes.sessions, headers, body });
};

describe('malformed image references', () => {
  it.each([
    ['empty', ''],
    ['upper case in the path', 'Library/BusyBox'],
    ['white space', 'busy box'],
    ['a newline', 'busybox\nlatest'],
    ['a NUL byte', 'busybox\u0000:latest'],
    ['only a tag', ':latest'],
    ['a tag starting with "-"', 'busybox:-x'],
    ['a 129-character tag', `busybox:${'t'.repeat(129)}`],
    ['a bad digest', 'busybox@sha256:zz'],
    ['a URL', 'http://127.0.0.1:1/x'],
    ['a command substitution', '$(id)'],
    ['an empty path component', 'a//b'],
    ['a leading slash', '/busybox'],
    ['a path traversal', '../../busybox'],
    ['Cyrillic letters', 'бusybox'],
    ['an emoji tag', 'busybox:🐳'],
    ['a 513-character name', 'a'.repeat(513)],
    ['a 10 000-character name', 'a'.repeat(10_000)],
    ['a 60 000-character name', `${'a/'.repeat(30_000)}a`],
  ])('refuses %s with 400 invalid_image, nothing pulled', async (_what, image) => {
    const a = await create(image);
    expect({ status: a.status, code: a.code }, a.text.slice(0, 300)).toEqual({ status: 400, code: 'invalid_image' });
  });
});

/** a "registry" on loopback that accepts connections and never answers */
let silent: Server;
let silentPort = 0;
const held = new Set<Socket>();
beforeAll(async () => {
  silent = createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  silentPort = address && typeof address === 'object' ? address.port : 0;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('registries that cannot be reached', () => {
  it.each([
    ['a name that does not resolve', () => 'registry.invalid.example:5000/x:1'],
    ['a loopback port where nothing listens', () => '127.0.0.1:1/x:1'],
    ['a loopback registry that accepts and never answers', () => `127.0.0.1:${silentPort}/x:1`],
  ])(
    'answers 201, then fails the session with image_pull_failed (%s), nothing started',
    async (what, imageOf) => {
      h.sessionsStarted = true;
      const image = imageOf();
      const started = Date.now();
      const a = await create(image);
      expect(a.status, a.text).toBe(201);
      const session = JSON.parse(a.text) as Session;
      expect(session.state).toBe('pulling');
      const after = await poll(
        () => h.service.session(session.id),
        (s) => s.state === 'failed',
        `the pull of ${image} to fail`,
        90_000,
      );
      console.log(`pull of ${image} (${what}) failed after ${Date.now() - started} ms`);
      expect(after.error?.code).toBe('image_pull_failed');
      expect(sidecarsOf(h.owner)).toEqual([]);
      expect(docker('image', 'ls', '-q', image.replace(/:[^:/]+$/, ''))).toBe('');
    },
    120_000,
  );
});
