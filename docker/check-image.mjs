#!/usr/bin/env node
// The project's own checks of a built extension image, where `docker extension validate`
// (Docker Desktop's plugin) may not exist: the labels Docker Desktop requires, well-formed;
// metadata.json at the image root, the same as the checkout's; the compose file it names, the
// icon and the UI entry file present in the image; the socket, port and engine mount
// consistent between metadata.json and docker-compose.yaml.
//
//   node docker/check-image.mjs IMAGE        (make validate-extension)
//
// Prints each problem and exits 1 when there is any. packaging/extension.test.ts runs it too.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const REQUIRED_LABELS = [
  'org.opencontainers.image.title',
  'org.opencontainers.image.description',
  'org.opencontainers.image.vendor',
  'com.docker.desktop.extension.api.version',
  'com.docker.desktop.extension.icon',
  'com.docker.extension.screenshots',
  'com.docker.extension.detailed-description',
  'com.docker.extension.publisher-url',
  'com.docker.extension.changelog',
];

const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }).trim();

/** http(s), or a data: URL: what the labels hold when the project has no public address */
const isUrl = (value) => {
  try {
    return ['http:', 'https:', 'data:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

function jsonList(labels, name, keys, problems) {
  let value;
  try {
    value = JSON.parse(labels[name]);
  } catch (err) {
    problems.push(`label ${name} is not JSON: ${err.message}`);
    return;
  }
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`label ${name} is not a non-empty JSON array`);
    return;
  }
  for (const item of value) {
    for (const key of keys) {
      if (typeof item?.[key] !== 'string' || item[key].trim() === '') problems.push(`label ${name}: an entry has no "${key}"`);
    }
    if (item?.url !== undefined && !isUrl(item.url)) problems.push(`label ${name}: "${item.url}" is not an http(s) or data: URL`);
  }
}

/** the problems found in IMAGE, compared with the checkout at REPO */
export function checkImage(image, repo = fileURLToPath(new URL('..', import.meta.url))) {
  const problems = [];
  const info = JSON.parse(docker('image', 'inspect', image))[0];
  const labels = info.Config.Labels ?? {};

  for (const name of REQUIRED_LABELS) {
    if (typeof labels[name] !== 'string' || labels[name].trim() === '') problems.push(`required label ${name} is missing or empty`);
  }
  const api = labels['com.docker.desktop.extension.api.version'] ?? '';
  if (!/^\s*(>=|>|<=|<|=)?\s*\d+\.\d+\.\d+(\s*,\s*(>=|>|<=|<)\s*\d+\.\d+\.\d+)*\s*$/.test(api))
    problems.push(`label com.docker.desktop.extension.api.version "${api}" is not a semver constraint`);
  for (const name of ['com.docker.desktop.extension.icon', 'com.docker.extension.publisher-url']) {
    if (labels[name] !== undefined && !isUrl(labels[name])) problems.push(`label ${name} "${labels[name]}" is not an http(s) or data: URL`);
  }
  if (labels['com.docker.extension.screenshots'] !== undefined) jsonList(labels, 'com.docker.extension.screenshots', ['alt', 'url'], problems);
  if (labels['com.docker.extension.additional-urls'] !== undefined) jsonList(labels, 'com.docker.extension.additional-urls', ['title', 'url'], problems);
  for (const [name, value] of Object.entries(labels)) {
    if (/OWNER\/REPO|example\.(com|org)|PROJECT_URL|TODO/i.test(value)) problems.push(`label ${name} holds a placeholder`);
  }
  const categories = (labels['com.docker.extension.categories'] ?? '').split(',').map((c) => c.trim());
  if (!categories.includes('utility-tools')) problems.push('label com.docker.extension.categories does not list utility-tools');

  // files: the list from `docker export`, the few to compare copied out with `docker cp`
  const container = docker('create', image);
  const dir = mkdtempSync(join(tmpdir(), 'cdebug-check-'));
  try {
    const files = new Set(
      execFileSync('sh', ['-c', 'docker export "$0" | tar -t', container], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
        .split('\n')
        .map((p) => p.replace(/^\.?\//, '').replace(/\/$/, ''))
        .filter(Boolean),
    );
    const read = (path) => {
      const local = join(dir, path.replace(/\//g, '_'));
      docker('cp', `${container}:/${path}`, local);
      return readFileSync(local, 'utf8');
    };
    if (!files.has('metadata.json')) {
      problems.push('metadata.json is not at the image root');
      return problems;
    }
    const shippedMeta = read('metadata.json');
    let meta;
    try {
      meta = JSON.parse(shippedMeta);
    } catch (err) {
      problems.push(`metadata.json does not parse: ${err.message}`);
      return problems;
    }
    if (shippedMeta !== readFileSync(join(repo, 'metadata.json'), 'utf8')) problems.push("the image's metadata.json differs from the checkout's");

    const want = (path, what) => {
      const p = String(path ?? '').replace(/^\/+/, '');
      if (!p || !files.has(p)) problems.push(`${what} (${path}) is not in the image`);
      return p;
    };
    const iconPath = want(meta.icon, 'metadata icon');
    // an icon carried in its label must be the icon the image ships
    const iconLabel = labels['com.docker.desktop.extension.icon'] ?? '';
    const inline = /^data:image\/svg\+xml;base64,(.*)$/.exec(iconLabel);
    if (inline && iconPath && files.has(iconPath) && Buffer.from(inline[1], 'base64').toString('utf8') !== read(iconPath)) {
      problems.push(`label com.docker.desktop.extension.icon carries another icon than ${iconPath}`);
    }
    const composePath = want(meta.vm?.composefile, 'metadata vm.composefile');
    const tab = meta.ui?.['dashboard-tab'];
    if (!tab?.title) problems.push('metadata ui.dashboard-tab has no title');
    want(`${String(tab?.root ?? '').replace(/\/+$/, '')}/${tab?.src ?? ''}`, 'the UI entry file (dashboard-tab root + src)');
    const socket = meta.vm?.exposes?.socket;
    if (!socket) problems.push('metadata vm.exposes.socket is missing');
    if (tab?.backend?.socket !== socket) problems.push(`dashboard-tab backend.socket (${tab?.backend?.socket}) is not vm.exposes.socket (${socket})`);

    if (composePath && files.has(composePath)) {
      const composeText = read(composePath);
      if (composeText !== readFileSync(join(repo, 'docker-compose.yaml'), 'utf8'))
        problems.push(`the image's ${composePath} differs from the checkout's docker-compose.yaml`);
      const services = Object.values(parseYaml(composeText)?.services ?? {});
      if (services.length !== 1) problems.push(`the compose file has ${services.length} services, not 1`);
      const service = services[0] ?? {};
      if (service.image !== '${DESKTOP_PLUGIN_IMAGE}') problems.push('the compose service image is not ${DESKTOP_PLUGIN_IMAGE}');
      const command = Array.isArray(service.command) ? service.command : [];
      if (command[command.indexOf('--socket') + 1] !== `/run/guest-services/${socket}`)
        problems.push(`the compose command does not listen on /run/guest-services/${socket}`);
      if (!(service.volumes ?? []).includes('/var/run/docker.sock.raw:/var/run/docker.sock'))
        problems.push('the compose service does not mount /var/run/docker.sock.raw');
      // the extension's page has no fixed Origin: the token is what admits it (guard.ts)
      const policy = command.indexOf('--origin-policy');
      if (policy < 0 || command[policy + 1] !== 'token-only')
        problems.push('the compose command does not set --origin-policy token-only (Desktop pages have no fixed Origin)');
      // 0.0.0.0 inside the container, reached only through the loopback publish: Host stays loopback-only
      const env = service.environment ?? {};
      if (env.CDEBUG_PUBLISHED_ON_LOOPBACK !== '1') problems.push('the compose environment does not set CDEBUG_PUBLISHED_ON_LOOPBACK=1');
      if (env.CDEBUG_ALLOW_REMOTE !== undefined) problems.push('the compose environment sets CDEBUG_ALLOW_REMOTE, which accepts any Host name (DNS rebinding)');
      const port = service.environment?.CDEBUG_PORT;
      const ports = service.ports ?? [];
      // an ephemeral host port (a fixed one collides): the service learns which from its inspect
      if (ports.length !== 1 || ports[0] !== `127.0.0.1::${port}`)
        problems.push(`the compose ports (${JSON.stringify(ports)}) are not 127.0.0.1::${port} only (an ephemeral port on the host's loopback)`);
    }
  } finally {
    docker('rm', container);
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const image = process.argv[2];
  if (!image) {
    console.error('usage: node docker/check-image.mjs IMAGE');
    process.exit(2);
  }
  const problems = checkImage(image);
  for (const p of problems) console.error(`${image}: ${p}`);
  console.log(problems.length === 0 ? `${image}: labels, metadata.json, compose file and files agree` : `${image}: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
