// Which container this process runs in, and where the engine publishes one of its ports: the
// Docker Desktop extension publishes its TCP port on an ephemeral port of the host's loopback
// (a fixed one collides with anything else there, ttyd's 7681 included), and the service must
// learn that port to tell the UI and to accept it in the Host header. Pure.

/**
 * The container id in `/proc/self/mountinfo`: the engine bind-mounts the container's own
 * hostname, hosts and resolv.conf files from a directory named after it
 * (Docker: /var/lib/docker/containers/<id>/hostname; Podman:
 * .../overlay-containers/<id>/userdata/hostname). null outside a container.
 */
export function containerIdFromMountinfo(mountinfo: string): string | null {
  for (const line of mountinfo.split('\n')) {
    const fields = line.split(' ');
    // mount point is the 5th field; the root of the mount (inside its filesystem) the 4th
    if (fields[4] !== '/etc/hostname') continue;
    const match = /\/(?:containers|overlay-containers)\/([0-9a-f]{64})(?:\/|$)/.exec(fields[3] ?? '');
    if (match) return match[1] as string;
  }
  return null;
}

/** What an inspect says about a container's published ports (`NetworkSettings.Ports`). */
export type PortMap = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null | undefined>;

/**
 * The host port that `containerPort`/tcp is published on, on a loopback address (the only
 * publication the extension makes); null when it is not published there.
 */
export function loopbackHostPort(ports: PortMap | null | undefined, containerPort: number): number | null {
  for (const binding of ports?.[`${containerPort}/tcp`] ?? []) {
    const ip = binding.HostIp ?? '';
    if (ip !== '127.0.0.1' && ip !== '::1' && ip !== '[::1]') continue;
    const port = Number(binding.HostPort);
    if (Number.isInteger(port) && port > 0 && port < 65_536) return port;
  }
  return null;
}
