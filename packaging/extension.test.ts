// The Docker Desktop extension image, built and run for real.
//
// No image registry is reachable here, so the Dockerfile's base images are made from this
// machine's own Node.js (docker/local-base.sh) and passed as build arguments; the build itself
// is the Dockerfile's full one (npm ci from the lock file, through the host's network). Then:
// the labels Docker Desktop requires, metadata.json against the compose file and the image's
// files, and the image run the way Desktop runs it (the compose file's command, environment and
// mounts; host networking on a free loopback port in place of the published port, since this
// engine has no bridge), driven from the host through the socket and the TCP port.
//
// Everything made here is removed at the end: the containers, the sidecars of our target, the
// target, the extension image and the base images with every build step made on them
// (CDEBUG_KEEP_PACKAGING_IMAGES=1 keeps the images, for a faster second run).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  containerLogs,
  docker,
  engineSocket,
  type ImageInfo,
  inspectImage,
  listImageFiles,
  readImageFiles,
  removeContainers,
  removeImageFamilies,
  runLogged,
} from './docker.js';
import { FIXTURE_IMAGE, LABELS, startFixtureTarget } from '../backend/test/kit/engine.js';
import { startForwardTarget } from '../backend/test/helpers/forward-target.js';
import { call, freePort, poll, sleep } from './http.js';
import { checkImage, REQUIRED_LABELS } from '../docker/check-image.mjs';
import { desktopUiCases, type DesktopUiContext } from './desktop-ui.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const fromRepo = (path: string) => join(repo, path);

const BUILD_BASE = 'cdebug-test/node:20';
const RUNTIME_BASE = 'cdebug-test/node-runtime:20';
const IMAGE = `cdebug-test/extension:${process.pid}`;
const KEEP_IMAGES = process.env.CDEBUG_KEEP_PACKAGING_IMAGES === '1';

interface ComposeService {
  image: string;
  hostname?: string;
  command: string[];
  environment: Record<string, string>;
  volumes: string[];
  ports: string[];
}

interface Metadata {
  icon: string;
  vm: { composefile: string; exposes: { socket: string } };
  ui: { 'dashboard-tab': { title: string; root: string; src: string; backend: { socket: string } } };
}

const version = (JSON.parse(readFileSync(fromRepo('backend/package.json'), 'utf8')) as { version: string }).version;
const composeText = readFileSync(fromRepo('docker-compose.yaml'), 'utf8');
const compose = parseYaml(composeText) as { services: Record<string, ComposeService> };
const [serviceName, service] = Object.entries(compose.services)[0] ?? [];
const metadata = JSON.parse(readFileSync(fromRepo('metadata.json'), 'utf8')) as Metadata;

const work = mkdtempSync(join(tmpdir(), 'cdebug-pkg-'));
const containers: string[] = [];
let image: ImageInfo;
let runtimeBase: ImageInfo;
let targetId = '';
/** targets of other describes, removed with their sidecars at the end */
const otherTargets: string[] = [];
let entryAtBuild = '';

/** http(s), or data: where the project has no public address (the Dockerfile's defaults) */
const isUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    return ['https:', 'http:', 'data:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** the text of a data: URL (base64 or percent-encoded), null for any other URL */
function dataText(url: string): string | null {
  const m = /^data:([^,]*),(.*)$/s.exec(url);
  if (!m) return null;
  return (m[1] ?? '').endsWith(';base64') ? Buffer.from(m[2] ?? '', 'base64').toString('utf8') : decodeURIComponent(m[2] ?? '');
}

/** the HTTP status a WebSocket upgrade gets (101 when it opens) */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}

/** `docker run` as Docker Desktop would from the compose file, with this machine's substitutions */
function runAsDesktop(options: { socketDir: string; network: 'host' | 'none'; env?: Record<string, string> }): string {
  if (!service) throw new Error('docker-compose.yaml has no service');
  const args = ['run', '-d', '--label', 'io.cdebug.packaging-test=1', '--network', options.network, '-v', `${options.socketDir}:/run/guest-services`];
  if (service.hostname) args.push('--hostname', service.hostname);
  for (const volume of service.volumes) {
    const [source, target] = volume.split(':');
    // Desktop's VM has /var/run/docker.sock.raw; this machine's engine socket stands in for it;
    // a named volume (the audit trail's) is an anonymous one here, removed with the container
    if (source !== undefined && !source.startsWith('/')) args.push('-v', `${target}`);
    else args.push('-v', `${source === '/var/run/docker.sock.raw' ? engineSocket() : source}:${target}`);
  }
  for (const [key, value] of Object.entries({ ...service.environment, ...options.env })) args.push('-e', `${key}=${value}`);
  args.push(IMAGE, ...service.command);
  const id = docker(...args);
  containers.push(id);
  return id;
}

/** opens a terminal WebSocket, types `ls /srv` until the fixture's file shows, then closes it */
async function shellShows(url: string, headers: Record<string, string>): Promise<void> {
  const ws = new WebSocket(url, { headers });
  let screen = '';
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      screen += data.toString('utf8');
      return;
    }
    const frame = JSON.parse(data.toString('utf8')) as { type: string; data?: string };
    if (frame.type === 'snapshot' && frame.data) screen += frame.data;
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`the upgrade was refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
  try {
    await poll(
      async () => {
        ws.send(Buffer.from('ls /srv\r'), { binary: true });
        await sleep(1500);
        return screen;
      },
      (text) => text.includes('README.fixture'),
      'README.fixture in the terminal',
      30_000,
    );
  } finally {
    ws.close();
  }
}

async function waitForSocket(socketPath: string, container: string): Promise<void> {
  await poll(
    async () => {
      if (docker('inspect', '--format', '{{.State.Running}}', container) !== 'true') {
        throw new Error(`the extension container stopped:\n${containerLogs(container)}`);
      }
      return existsSync(socketPath) ? (await call({ socketPath }, 'GET', '/api/health')).status : 0;
    },
    (status) => status === 200,
    `the service on ${socketPath}`,
  );
}

beforeAll(async () => {
  // the fixtures come from scripts/fixtures.sh (scripts/test.sh runs it before the suites)
  try {
    docker('image', 'inspect', FIXTURE_IMAGE);
  } catch {
    await runLogged('bash', [fromRepo('scripts/fixtures.sh')], { cwd: repo, log: join(work, 'fixtures.log'), timeoutMs: 600_000 });
  }
  await runLogged('bash', [fromRepo('docker/local-base.sh'), 'build', BUILD_BASE], { log: join(work, 'base-build.log'), timeoutMs: 120_000 });
  await runLogged('bash', [fromRepo('docker/local-base.sh'), 'runtime', RUNTIME_BASE], { log: join(work, 'base-runtime.log'), timeoutMs: 120_000 });
  entryAtBuild = readFileSync(fromRepo('backend/src/sidecar/entry.sh'), 'utf8');
  const started = Date.now();
  await runLogged(
    'docker',
    [
      'build',
      // a failed RUN step's container is otherwise left behind by the classic builder
      '--force-rm',
      // RUN steps reach the npm registry through the host: this engine has no bridge network
      '--network',
      'host',
      '--build-arg',
      `NODE_IMAGE=${BUILD_BASE}`,
      '--build-arg',
      `RUNTIME_IMAGE=${RUNTIME_BASE}`,
      '--build-arg',
      `VERSION=${version}`,
      // the classic builder does not set it (the Dockerfile's build stage runs on it)
      '--build-arg',
      `BUILDPLATFORM=${docker('version', '--format', '{{.Server.Os}}/{{.Server.Arch}}')}`,
      '-t',
      IMAGE,
      '.',
    ],
    { cwd: repo, env: { ...process.env, DOCKER_BUILDKIT: '0' }, log: join(work, 'docker-build.log'), timeoutMs: 840_000 },
  );
  console.log(`docker build: ${Math.round((Date.now() - started) / 1000)} s`);
  image = inspectImage(IMAGE);
  runtimeBase = inspectImage(RUNTIME_BASE);
});

afterAll(async () => {
  removeContainers(containers);
  for (const target of [targetId, ...otherTargets].filter(Boolean)) {
    const sidecars = docker('ps', '-a', '-q', '--filter', `label=${LABELS.target}=${target}`).split('\n').filter(Boolean);
    removeContainers([...sidecars, target]);
  }
  if (!KEEP_IMAGES) removeImageFamilies([IMAGE, BUILD_BASE, RUNTIME_BASE]);
  rmSync(work, { recursive: true, force: true });
});

describe('the extension image (docker build from a locally made base)', () => {
  it('carries every label Docker Desktop requires, with real content', () => {
    const labels = image.Config.Labels ?? {};
    for (const name of REQUIRED_LABELS) {
      expect(labels[name], name).toBeTypeOf('string');
      expect((labels[name] ?? '').trim().length, `${name} is empty`).toBeGreaterThan(3);
    }
    expect(labels['org.opencontainers.image.title']).toBe('cdebug');
    expect(labels['com.docker.desktop.extension.api.version']).toMatch(/^\s*(>=|>|<=|<|=)?\s*\d+\.\d+\.\d+(\s*,\s*(>=|>|<=|<)\s*\d+\.\d+\.\d+)*\s*$/);
    expect(isUrl(labels['com.docker.desktop.extension.icon'])).toBe(true);
    expect(isUrl(labels['com.docker.extension.publisher-url'])).toBe(true);

    const screenshots = JSON.parse(labels['com.docker.extension.screenshots'] ?? '') as Array<{ alt: string; url: string }>;
    expect(Array.isArray(screenshots)).toBe(true);
    expect(screenshots.length).toBeGreaterThanOrEqual(1);
    for (const shot of screenshots) {
      expect(Object.keys(shot).sort()).toEqual(['alt', 'url']);
      expect(shot.alt.length).toBeGreaterThan(10);
      expect(isUrl(shot.url), shot.url).toBe(true);
    }
    const additional = JSON.parse(labels['com.docker.extension.additional-urls'] ?? '') as Array<{ title: string; url: string }>;
    expect(additional.length).toBeGreaterThanOrEqual(1);
    for (const link of additional) {
      expect(link.title.length).toBeGreaterThan(2);
      expect(isUrl(link.url), link.url).toBe(true);
    }
    expect(labels['com.docker.extension.categories']?.split(',').map((c) => c.trim())).toContain('utility-tools');
    expect(labels['org.opencontainers.image.version']).toBe(version);
    // HTML that Desktop renders: at least balanced list markup
    for (const name of ['com.docker.extension.detailed-description', 'com.docker.extension.changelog']) {
      const html = labels[name] ?? '';
      expect(html.match(/<li>/g)?.length, name).toBe(html.match(/<\/li>/g)?.length);
    }
  });

  it('passes the checks of `make validate-extension` (docker/check-image.mjs)', () => {
    expect(checkImage(IMAGE, repo)).toEqual([]);
  });

  it('carries, or names, in its icon label the icon committed in the repository and shipped in the image', () => {
    const icon = image.Config.Labels?.['com.docker.desktop.extension.icon'] ?? '';
    const committed = readFileSync(fromRepo('docker/cdebug.svg'), 'utf8');
    const shipped = readImageFiles(IMAGE, [`/${metadata.icon}`]).get(`/${metadata.icon}`);
    expect(shipped).toBe(committed);
    expect(shipped).toMatch(/^<svg [^>]*viewBox=/);
    const inline = dataText(icon);
    if (inline !== null) {
      // built without a public address (this test passes no PROJECT_URL): the icon itself
      expect(icon).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(inline).toBe(committed);
    } else {
      expect(/\/raw\/[^/]+\/(.+)$/.exec(new URL(icon).pathname)?.[1]).toBe('docker/cdebug.svg');
    }
  });

  it('invents no address: without PROJECT_URL its URL labels say there is no public one, and name no placeholder', () => {
    const labels = image.Config.Labels ?? {};
    for (const [name, value] of Object.entries(labels)) expect(value, name).not.toMatch(/OWNER\/REPO|example\.(com|org)|github\.com\/cdebug/i);
    const publisher = dataText(labels['com.docker.extension.publisher-url'] ?? '');
    expect(publisher).toMatch(/no public web address/);
    expect(publisher).toContain('docs/DOCKER_DESKTOP.md');
    const shots = JSON.parse(labels['com.docker.extension.screenshots'] ?? '[]') as Array<{ alt: string; url: string }>;
    expect(shots.map((s) => s.alt).join(' ')).toMatch(/No public address/);
    expect(labels['org.opencontainers.image.source']).toBe('');
  });

  const screenshotsCommitted = ['docs/screenshot-light.png', 'docs/screenshot-dark.png'].every((p) => existsSync(fromRepo(p)));
  it.skipIf(!screenshotsCommitted)('names, in its screenshots label, screenshots committed under docs/', () => {
    const shots = JSON.parse(image.Config.Labels?.['com.docker.extension.screenshots'] ?? '[]') as Array<{ url: string }>;
    for (const { url } of shots.filter((shot) => dataText(shot.url) === null)) {
      const repoPath = /\/raw\/[^/]+\/(.+)$/.exec(new URL(url).pathname)?.[1] ?? '';
      expect(existsSync(fromRepo(repoPath)), repoPath).toBe(true);
    }
  });

  it('has metadata.json at its root, consistent with the compose file and its own files', () => {
    const files = new Set(listImageFiles(IMAGE));
    const shipped = readImageFiles(IMAGE, ['/metadata.json', `/${metadata.vm.composefile}`]);
    const meta = JSON.parse(shipped.get('/metadata.json') ?? '') as Metadata;
    expect(meta).toEqual(metadata);

    expect(files.has(meta.icon)).toBe(true);
    expect(shipped.get(`/${meta.vm.composefile}`)).toBe(composeText);
    const tab = meta.ui['dashboard-tab'];
    expect(tab.title).toBe('cdebug');
    expect(tab.backend.socket).toBe(meta.vm.exposes.socket);
    const entry = `${tab.root.replace(/^\/+|\/+$/g, '')}/${tab.src}`;
    expect(files.has(entry), `${entry} in the image`).toBe(true);
    expect(readImageFiles(IMAGE, [`/${entry}`]).get(`/${entry}`)).toMatch(/<script type="module"[^>]*src="\.\/assets\//);

    // the compose file: one service, the image Desktop substitutes, the socket metadata exposes,
    // the engine socket of Desktop's VM, the WebSocket port on the host's loopback only
    expect(Object.keys(compose.services)).toEqual([serviceName]);
    expect(service?.image).toBe('${DESKTOP_PLUGIN_IMAGE}');
    const command = service?.command ?? [];
    expect(command[command.indexOf('--socket') + 1]).toBe(`/run/guest-services/${meta.vm.exposes.socket}`);
    expect(service?.volumes).toContain('/var/run/docker.sock.raw:/var/run/docker.sock');
    const port = service?.environment.CDEBUG_PORT;
    // an ephemeral port on the host's loopback: no fixed port to collide with
    expect(service?.ports).toEqual([`127.0.0.1::${port}`]);
    // the page's Origin is not known: the token admits it; 0.0.0.0 inside, loopback Host names only
    expect(command.slice(command.indexOf('--origin-policy'), command.indexOf('--origin-policy') + 2)).toEqual(['--origin-policy', 'token-only']);
    expect(service?.environment.CDEBUG_PUBLISHED_ON_LOOPBACK).toBe('1');
    expect(service?.environment.CDEBUG_ALLOW_REMOTE).toBeUndefined();
  });

  it('adds only metadata, the UI and the bundled backend to its base: no sources, tests, maps or node_modules', () => {
    const base = new Set(listImageFiles(RUNTIME_BASE));
    const added = listImageFiles(IMAGE).filter(
      (p) => !base.has(p) && !['.dockerenv', 'dev', 'proc', 'sys', 'etc', 'opt'].includes(p) && !/^(dev|proc|sys|etc)\//.test(p),
    );
    const outside = added.filter((p) => !/^(metadata\.json|docker-compose\.yaml|cdebug\.svg|ui(\/.*)?|opt\/cdebug(\/.*)?)$/.test(p));
    expect(outside).toEqual([]);
    expect(added.filter((p) => p.startsWith('opt/cdebug/')).sort()).toEqual([
      'opt/cdebug/backend',
      'opt/cdebug/backend/THIRD-PARTY-NOTICES.txt',
      'opt/cdebug/backend/dist',
      'opt/cdebug/backend/dist/bundle',
      'opt/cdebug/backend/dist/bundle/cdebug.mjs',
      'opt/cdebug/backend/dist/bundle/entry.sh',
      'opt/cdebug/backend/dist/bundle/shell-choice.sh',
      'opt/cdebug/backend/package.json',
    ]);
    expect(added.filter((p) => /node_modules|\.(ts|tsx|map)$|\.test\.|(^|\/)src\//.test(p))).toEqual([]);
    const pkg = JSON.parse(readImageFiles(IMAGE, ['/opt/cdebug/backend/package.json']).get('/opt/cdebug/backend/package.json') ?? '') as {
      dependencies?: unknown;
    };
    expect(pkg).toMatchObject({ name: 'cdebug', version });
    expect(pkg.dependencies).toBeUndefined();
    // the checkout's entry script, as it was when the build started or as it is now (an edit
    // while the image builds is no packaging fault)
    const shippedEntry = readImageFiles(IMAGE, ['/opt/cdebug/backend/dist/bundle/entry.sh']).get('/opt/cdebug/backend/dist/bundle/entry.sh');
    expect([entryAtBuild, readFileSync(fromRepo('backend/src/sidecar/entry.sh'), 'utf8')]).toContain(shippedEntry);
  });

  it('runs the bundled CLI as its entrypoint, as root, with the built UI configured', () => {
    expect(image.Config.Entrypoint).toEqual(['node', '/opt/cdebug/backend/dist/bundle/cdebug.mjs']);
    expect(['', 'root', '0']).toContain(image.Config.User);
    expect(image.Config.Env).toContain('CDEBUG_UI_DIR=/ui');
    // the extension admits WebSockets by the token, whatever the page's Origin: no origin list
    expect((image.Config.Env ?? []).filter((e) => e.startsWith('CDEBUG_ALLOWED_ORIGINS='))).toEqual([]);
    expect(image.Config.Cmd).toEqual(service?.command);
    const out = docker('run', '--rm', '--network', 'none', '--label', 'io.cdebug.packaging-test=1', IMAGE, '--version');
    expect(out).toBe(`cdebug ${version}`);
  });

  it('reports its size and what it adds to its base', () => {
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    const added = image.Size - runtimeBase.Size;
    const layers = docker('history', '--format', '{{.Size}}\t{{.CreatedBy}}', IMAGE)
      .split('\n')
      .filter((l) => !l.startsWith('0B'))
      .map((l) => `    ${l.slice(0, 110)}`);
    const report = [
      `extension image ${IMAGE}: ${mb(image.Size)}`,
      `  base ${RUNTIME_BASE} (this machine's node and its libraries): ${mb(runtimeBase.Size)}`,
      `  added by cdebug: ${mb(added)} (UI, bundled backend, metadata, icon)`,
      '  layers:',
      ...layers,
    ].join('\n');
    console.log(report);
    if (existsSync(fromRepo('reports'))) writeFileSync(fromRepo('reports/extension-image.txt'), `${report}\n`);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(20e6);
  });
});

describe('the extension image run as Docker Desktop runs it', () => {
  let socketPath = '';
  let port = 0;
  let token = '';
  let container = '';

  beforeAll(async () => {
    targetId = await startFixtureTarget({ docker }, { name: `cdebug-pkg-target-${process.pid}` });

    const socketDir = join(work, 'guest-services');
    mkdirSync(socketDir);
    socketPath = join(socketDir, metadata.vm.exposes.socket);
    port = await freePort();
    // Host networking in place of the published port: loopback and a free port, the way this
    // machine's tests reach a server container (no 0.0.0.0 listener on the host's interfaces).
    container = runAsDesktop({ socketDir, network: 'host', env: { CDEBUG_HOST: '127.0.0.1', CDEBUG_PORT: String(port) } });
    await waitForSocket(socketPath, container);
  });

  it('answers REST on its unix socket without a token', async () => {
    const health = await call({ socketPath }, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, version });
    const { engine } = health.body as { engine?: { name?: unknown; version?: unknown } };
    expect(typeof engine?.name).toBe('string');
    expect(typeof engine?.version).toBe('string');
    const containersSeen = await call({ socketPath }, 'GET', '/api/containers');
    expect(containersSeen.status).toBe(200);
    expect((containersSeen.body as Array<{ id: string }>).map((c) => c.id)).toContain(targetId);
  });

  it('tells the UI its TCP port and token through the socket, and only there', async () => {
    const connection = await call({ socketPath }, 'GET', '/api/connection');
    expect(connection.status).toBe(200);
    const body = connection.body as { port: number; token: string };
    expect(body.port).toBe(port);
    expect(body.token.length).toBeGreaterThanOrEqual(16);
    token = body.token;
    const overTcp = await call({ port }, 'GET', '/api/connection', { headers: { authorization: `Bearer ${token}` } });
    expect(overTcp.status).toBe(404);
  });

  it('refuses TCP requests without the token', async () => {
    const without = await call({ port }, 'GET', '/api/health');
    expect(without.status).toBe(401);
    expect(without.body).toMatchObject({ error: { code: 'unauthorized' } });
    const withToken = await call({ port }, 'GET', '/api/health', { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    const upgrade = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/sessions/nope/attach`);
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('a WebSocket without the token was accepted')));
      ws.on('error', () => undefined);
    });
    expect(upgrade).toBe(401);
  });

  it('gives a shell in a distroless target: session through the socket, terminal over the WebSocket', async () => {
    const created = await call({ socketPath }, 'POST', '/api/sessions', { body: { target: targetId, cols: 100, rows: 30 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = (created.body as { id: string }).id;
    await poll(
      () => call({ socketPath }, 'GET', `/api/sessions/${encodeURIComponent(id)}`),
      (a) => (a.body as { state?: string }).state === 'running',
      'the session to run',
    );
    // the owner label does not depend on the container: a recreated extension takes its sidecars over
    const owner = docker('ps', '--filter', `label=io.cdebug.target=${targetId}`, '--format', '{{.Label "io.cdebug.owner"}}');
    expect(owner).toBe(`service:${service?.hostname}:unix:/run/guest-services/${metadata.vm.exposes.socket}`);

    // no Origin, as the CLI or a script sends
    await shellShows(`ws://127.0.0.1:${port}/api/sessions/${encodeURIComponent(id)}/attach?token=${encodeURIComponent(token)}`, {});

    const removed = await call({ socketPath }, 'DELETE', `/api/sessions/${encodeURIComponent(id)}`);
    expect(removed.status).toBe(204);
    await poll(
      () => docker('ps', '-a', '-q', '--filter', `label=${LABELS.target}=${targetId}`),
      (left) => left === '',
      'the sidecar to be removed',
      20_000,
    );
  });

  it("gives a shell to a page with Docker Desktop's kind of Origin (file://, null, its own scheme) that has the token, and to no page without it", async () => {
    const created = await call({ socketPath }, 'POST', '/api/sessions', { body: { target: targetId, cols: 100, rows: 30 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = encodeURIComponent((created.body as { id: string }).id);
    await poll(
      () => call({ socketPath }, 'GET', `/api/sessions/${id}`),
      (a) => (a.body as { state?: string }).state === 'running',
      'the session to run',
    );
    const attach = `ws://127.0.0.1:${port}/api/sessions/${id}/attach`;
    try {
      await shellShows(`${attach}?token=${encodeURIComponent(token)}`, { origin: 'file://' });
      for (const origin of ['null', 'docker-desktop://dashboard', 'http://localhost:5173']) {
        expect(await upgradeStatus(`${attach}?token=${encodeURIComponent(token)}`, { origin }), origin).toBe(101);
      }
      // the same Origins with a wrong token or none: refused before any upgrade
      for (const origin of ['file://', 'null', 'http://evil.example']) {
        expect(await upgradeStatus(`${attach}?token=not-the-token-0123456789`, { origin }), origin).toBe(401);
        expect(await upgradeStatus(attach, { origin }), origin).toBe(401);
      }
    } finally {
      await call({ socketPath }, 'DELETE', `/api/sessions/${id}`);
    }
  });

  it('refuses a rebinding Host even with the token and an accepted Origin (403), REST and WebSocket alike', async () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await call({ port }, 'GET', '/api/health', { headers: { ...auth, host } })).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost:${port + 1}`]) {
      expect((await call({ port }, 'GET', '/api/health', { headers: { ...auth, host } })).status, host).toBe(403);
      expect(await upgradeStatus(`ws://127.0.0.1:${port}/api/sessions/nope/attach?token=${encodeURIComponent(token)}`, { host, origin: 'file://' }), host).toBe(
        403,
      );
    }
  });

  it('stops cleanly when Desktop stops it: exit 0, socket removed', () => {
    docker('stop', '--time', '20', container);
    expect(docker('inspect', '--format', '{{.State.ExitCode}}', container), containerLogs(container)).toBe('0');
    expect(existsSync(socketPath)).toBe(false);
  });

  it("listens with the compose file's own network settings: 0.0.0.0 inside the container, token required, loopback Host names only", async () => {
    // No host networking this time: the container's own network namespace, as behind Docker's
    // port publishing, with the compose file's environment unchanged; probed from inside it.
    const socketDir = join(work, 'guest-services-compose');
    mkdirSync(socketDir);
    const composeSocket = join(socketDir, metadata.vm.exposes.socket);
    const id = runAsDesktop({ socketDir, network: 'none' });
    await waitForSocket(composeSocket, id);
    const connection = (await call({ socketPath: composeSocket }, 'GET', '/api/connection')).body as { port: number; token: string };
    expect(String(connection.port)).toBe(service?.environment.CDEBUG_PORT);
    // Host headers as a browser on the host sends them (the published 127.0.0.1:7681), and as a
    // DNS-rebinding page would: its own name, or the container's address, with the port
    const probe = `
      import { request } from 'node:http';
      const get = (headers) => new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: ${connection.port}, path: '/api/health', headers }, (res) => { res.resume(); resolve(res.statusCode); });
        req.on('error', reject);
        req.end();
      });
      const auth = { authorization: 'Bearer ' + process.env.T };
      const hosts = ['127.0.0.1:${connection.port}', 'localhost:${connection.port}', '[::1]:${connection.port}', 'evil.example:${connection.port}', '172.17.0.2:${connection.port}', 'cdebug-extension:${connection.port}', 'localhost:1'];
      const out = [await get({ host: hosts[0] })];
      for (const host of hosts) out.push(host + '=' + (await get({ ...auth, host })));
      console.log(out.join(' '));`;
    const out = docker('exec', '-e', `T=${connection.token}`, id, 'node', '--input-type=module', '-e', probe);
    const p = connection.port;
    expect(out).toBe(
      [
        401,
        `127.0.0.1:${p}=200`,
        `localhost:${p}=200`,
        `[::1]:${p}=200`,
        `evil.example:${p}=403`,
        `172.17.0.2:${p}=403`,
        `cdebug-extension:${p}=403`,
        'localhost:1=403',
      ].join(' '),
    );
    expect(containerLogs(id)).toMatch(/serving the UI and API on 0\.0\.0\.0:7681/);
    // it found its own container and asked the engine which host port it is published on: this
    // engine publishes none (no bridge), so it says so and names its own port
    expect(containerLogs(id)).toMatch(/published port unknown \(port 7681\/tcp is not published on the host's loopback\)/);
  });
});

describe('the extension image behind a stand-in for Docker Desktop', () => {
  const desktop: DesktopUiContext = {
    image: IMAGE,
    socketPath: '',
    servicePort: 0,
    target: `cdebug-pkg-desktop-${process.pid}`,
    forwardTarget: `fwd-pkg-desktop-${process.pid}`,
  };

  beforeAll(async () => {
    const socketDir = join(work, 'guest-services-desktop');
    mkdirSync(socketDir);
    desktop.socketPath = join(socketDir, metadata.vm.exposes.socket);
    // the compose file's command and environment; host networking on a free loopback port in
    // place of the published one (no bridge here), which /api/connection then names
    const port = await freePort();
    desktop.servicePort = port;
    const id = runAsDesktop({ socketDir, network: 'host', env: { CDEBUG_HOST: '127.0.0.1', CDEBUG_PORT: String(port) } });
    await waitForSocket(desktop.socketPath, id);
    otherTargets.push(await startFixtureTarget({ docker }, { name: desktop.target }));
    otherTargets.push((await startForwardTarget(async (...args) => docker(...args), desktop.forwardTarget)).id);
  });

  desktopUiCases(() => desktop);
});
