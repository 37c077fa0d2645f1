// The docker CLI for the packaging test: build and inspect images, run containers, read files
// from an image, and remove exactly what this test made (containers by id, images by their
// ancestry from the test's own base images), never anything else on a shared engine.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const docker = (...args: string[]): string =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }).trim();

/** a container's output, stdout and stderr together */
export const containerLogs = (id: string): string => execFileSync('sh', ['-c', 'docker logs "$0" 2>&1', id], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });

/** a long command whose output goes to a log file; rejects with the log's tail */
export function runLogged(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; log: string; timeoutMs: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      writeFileSync(options.log, output);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); log: ${options.log}\n${output.slice(-4000)}`));
    });
  });
}

export interface ImageInfo {
  Id: string;
  Size: number;
  Config: { Labels: Record<string, string> | null; Entrypoint: string[] | null; Cmd: string[] | null; Env: string[] | null; User: string };
}

export function inspectImage(ref: string): ImageInfo {
  const [info] = JSON.parse(docker('image', 'inspect', ref)) as ImageInfo[];
  if (!info) throw new Error(`docker image inspect ${ref}: no image in the answer`);
  return info;
}

/** the paths of every file and folder in an image (no leading slash), read from `docker export` */
export function listImageFiles(image: string): string[] {
  const id = docker('create', image);
  try {
    const out = execFileSync('sh', ['-c', 'docker export "$0" | tar -t', id], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return out
      .split('\n')
      .filter(Boolean)
      .map((p) => p.replace(/^\.?\//, '').replace(/\/$/, ''));
  } finally {
    docker('rm', id);
  }
}

/** files from an image, by absolute path, as text */
export function readImageFiles(image: string, paths: readonly string[]): Map<string, string> {
  const id = docker('create', image);
  const dir = mkdtempSync(join(tmpdir(), 'cdebug-pkg-files-'));
  try {
    const files = new Map<string, string>();
    paths.forEach((path, i) => {
      const local = join(dir, String(i));
      docker('cp', `${id}:${path}`, local);
      files.set(path, readFileSync(local, 'utf8'));
    });
    return files;
  } finally {
    docker('rm', id);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function removeContainers(ids: readonly string[]): void {
  for (const id of ids) {
    try {
      docker('rm', '-f', '-v', id);
    } catch {
      // already gone
    }
  }
}

/**
 * Removes the given images and every image built on them (the classic builder leaves each
 * stage's steps as untagged images): children first, found through their Parent links, so
 * that no other image on the engine is touched.
 */
export function removeImageFamilies(refs: readonly string[]): void {
  const roots = new Set<string>();
  for (const ref of refs) {
    try {
      roots.add(docker('image', 'inspect', '--format', '{{.Id}}', ref));
    } catch {
      // not there
    }
  }
  if (roots.size === 0) return;
  const all = docker('images', '-a', '-q', '--no-trunc').split('\n').filter(Boolean);
  const parent = new Map<string, string>();
  if (all.length > 0) {
    for (const line of docker('image', 'inspect', '--format', '{{.Id}} {{.Parent}}', ...new Set(all)).split('\n')) {
      const [id, p] = line.split(' ');
      if (id) parent.set(id, p ?? '');
    }
  }
  const depth = (id: string): number => {
    let d = 0;
    for (let at: string | undefined = id; at; at = parent.get(at) || undefined) {
      if (roots.has(at)) return d;
      d++;
    }
    return -1;
  };
  const family = [...parent.keys()].map((id) => ({ id, d: depth(id) })).filter((x) => x.d >= 0);
  family.sort((a, b) => b.d - a.d);
  for (const { id } of family) {
    try {
      // by id with -f: drops every tag the image has (ours only: it descends from our bases)
      docker('rmi', '-f', id);
    } catch {
      // already gone with a child, or still used by a container that is being removed
    }
  }
}

/** the engine socket on this machine: what Docker Desktop's VM calls /var/run/docker.sock.raw */
export function engineSocket(): string {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  return '/var/run/docker.sock';
}
