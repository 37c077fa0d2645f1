import { describe, expect, it } from 'vitest';
import { containerIdFromMountinfo, loopbackHostPort } from './own-container.js';

const ID = 'a'.repeat(12) + '0123456789abcdef'.repeat(3) + 'b'.repeat(4);

describe('the container this process runs in', () => {
  it("is read from the engine's bind mount of /etc/hostname (Docker)", () => {
    const mountinfo = [
      '612 580 0:52 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/x',
      `633 612 8:1 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/sda1 rw`,
      `634 612 8:1 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/sda1 rw`,
    ].join('\n');
    expect(containerIdFromMountinfo(mountinfo)).toBe(ID);
  });

  it("and from Podman's", () => {
    const line = `700 612 0:40 /containers/storage/overlay-containers/${ID}/userdata/hostname /etc/hostname rw - tmpfs tmpfs rw`;
    expect(containerIdFromMountinfo(line)).toBe(ID);
  });

  it('is none on a host, or when only other mounts name a container', () => {
    expect(containerIdFromMountinfo('22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n')).toBeNull();
    expect(containerIdFromMountinfo(`40 22 8:1 /var/lib/docker/containers/${ID}/hostname /mnt/x rw - ext4 /dev/sda1 rw`)).toBeNull();
    expect(containerIdFromMountinfo('')).toBeNull();
  });
});

describe('the host port a container port is published on', () => {
  it('is the loopback binding of that tcp port', () => {
    expect(loopbackHostPort({ '7681/tcp': [{ HostIp: '127.0.0.1', HostPort: '49153' }] }, 7681)).toBe(49153);
    expect(
      loopbackHostPort(
        {
          '7681/tcp': [
            { HostIp: '0.0.0.0', HostPort: '1' },
            { HostIp: '::1', HostPort: '49154' },
          ],
        },
        7681,
      ),
    ).toBe(49154);
  });

  it('is none when not published, published elsewhere only, or malformed', () => {
    expect(loopbackHostPort(undefined, 7681)).toBeNull();
    expect(loopbackHostPort({ '7681/tcp': null }, 7681)).toBeNull();
    expect(loopbackHostPort({ '7681/udp': [{ HostIp: '127.0.0.1', HostPort: '5' }] }, 7681)).toBeNull();
    expect(loopbackHostPort({ '7681/tcp': [{ HostIp: '0.0.0.0', HostPort: '49153' }] }, 7681)).toBeNull();
    expect(loopbackHostPort({ '7681/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, 7681)).toBeNull();
    expect(loopbackHostPort({ '7681/tcp': [{ HostIp: '127.0.0.1', HostPort: '70000' }] }, 7681)).toBeNull();
  });
});
