// GET /api/sessions/:id/files through the real service and engine (Podman too): a distroless
// target's file, byte for byte as the engine's own copy reads it, and a directory as a tar, both
// read through the session's sidecar; the coded errors; the token; nothing written to the target.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type FileLink, routes } from '../../src/contract/index.js';
import { docker, poll } from './engine-fixtures.js';
import { engineCopy } from '../kit/engine.js';
import { useLiveService } from './live-suite.js';

const live = useLiveService('files');
const { targets } = live;

async function download(id: string, path: string, token: string | null = live.service.token) {
  const res = await fetch(`${live.service.base}${routes.files(id, path)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body };
}

const codeOf = (body: Buffer): string => (JSON.parse(body.toString('utf8')) as { error: { code: string } }).error.code;

/** a running session on a fresh distroless target */
async function runningSession() {
  const target = await targets.start();
  const session = await live.service.createSession({ target: target.name });
  await poll(
    () => live.service.session(session.id),
    (s) => s?.state === 'running',
    'the session running',
  );
  return { target, session };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('GET /api/sessions/:id/files', () => {
  it("streams a distroless target's files byte for byte, and a directory as a tar, writing nothing there", async () => {
    const { target, session } = await runningSession();
    const before = docker('diff', target.id);

    const text = await download(session.id, '/etc/fixture-release');
    expect(text.status).toBe(200);
    expect(text.type).toBe('application/octet-stream');
    expect(text.disposition).toBe('attachment; filename="fixture-release"');
    expect(text.body.equals(await engineCopy({ docker }, target.id, '/etc/fixture-release'))).toBe(true);

    // the static binary: large enough to take many frames of the engine's stream
    const binary = await download(session.id, '//app');
    expect(binary.status).toBe(200);
    expect(binary.body.length).toBeGreaterThan(100_000);
    expect(sha(binary.body)).toBe(sha(await engineCopy({ docker }, target.id, '/app')));

    const dir = await download(session.id, '/srv/');
    expect(dir.status).toBe(200);
    expect(dir.type).toBe('application/x-tar');
    expect(dir.disposition).toBe('attachment; filename="srv.tar"');
    const listing = execFileSync('tar', ['-tf', '-'], { input: dir.body, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing.map((l) => l.replace(/\/$/, '')).sort()).toEqual(['srv', 'srv/README.fixture']);
    const readme = execFileSync('tar', ['-xOf', '-', 'srv/README.fixture'], { input: dir.body });
    expect(readme.equals(await engineCopy({ docker }, target.id, '/srv/README.fixture'))).toBe(true);

    expect(docker('diff', target.id)).toBe(before);
  });

  it('answers coded errors: 404 file_not_found, 400 for a relative path, NUL or "..", 401 without the token, 404 for no session', async () => {
    const { session } = await runningSession();
    const missing = await download(session.id, '/etc/no-such-file');
    expect([missing.status, codeOf(missing.body)]).toEqual([404, 'file_not_found']);
    for (const bad of ['etc/passwd', '/etc/\0passwd', '/srv/../etc/passwd']) {
      const res = await download(session.id, bad);
      expect([bad, res.status, codeOf(res.body)]).toEqual([bad, 400, 'bad_request']);
    }
    const special = await download(session.id, '/dev/null');
    expect([special.status, codeOf(special.body)]).toEqual([400, 'bad_request']);
    const noToken = await download(session.id, '/etc/fixture-release', null);
    expect(noToken.status).toBe(401);
    const noSession = await download('no-such-session', '/etc/fixture-release');
    expect([noSession.status, codeOf(noSession.body)]).toEqual([404, 'session_not_found']);
  });

  it('hands out a one-time link that a browser without the token downloads from, once (Docker Desktop hands it to the host browser)', async () => {
    const { target, session } = await runningSession();
    const link = await live.service.api<FileLink>('POST', routes.fileLink(session.id), { path: '/etc/fixture-release' });
    expect(link.status).toBe(201);
    expect(link.body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${live.service.port}/downloads/[0-9a-f]{32}$`));
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeGreaterThan(30_000);

    const first = await fetch(link.body.url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="fixture-release"');
    expect(Buffer.from(await first.arrayBuffer()).equals(await engineCopy({ docker }, target.id, '/etc/fixture-release'))).toBe(true);
    const again = await fetch(link.body.url);
    expect([again.status, codeOf(Buffer.from(await again.arrayBuffer()))]).toEqual([404, 'download_not_found']);

    // refused when asked, where the page can still say why
    const bad = await live.service.api('POST', routes.fileLink(session.id), { path: 'etc/passwd' });
    expect(bad.status).toBe(400);
    const noSession = await live.service.api('POST', routes.fileLink('no-such-session'), { path: '/etc/hosts' });
    expect(noSession.status).toBe(404);
    // a file that is not there: the link is issued, the browser gets the coded 404
    const missing = await live.service.api<FileLink>('POST', routes.fileLink(session.id), { path: '/etc/no-such-file' });
    const gone = await fetch(missing.body.url);
    expect([gone.status, codeOf(Buffer.from(await gone.arrayBuffer()))]).toEqual([404, 'file_not_found']);
  });
});
