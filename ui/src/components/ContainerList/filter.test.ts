import { describe, expect, it } from 'vitest';
import { container } from '../../test/fakeApi';
import { filterContainers, shortId } from './filter';

const list = [
  container({ name: 'web', image: 'nginx:1.27', ports: ['127.0.0.1:8080->80/tcp'] }),
  container({ name: 'db', image: 'postgres:16', networks: ['backend'] }),
  container({ name: 'distroless-app', image: 'gcr.io/distroless/static', status: 'Up 2 hours' }),
];
const names = (q: string) => filterContainers(list, q).map((c) => c.name);

describe('filterContainers', () => {
  it('keeps everything for an empty or blank query', () => {
    expect(names('')).toEqual(['web', 'db', 'distroless-app']);
    expect(names('   ')).toEqual(['web', 'db', 'distroless-app']);
  });

  it('matches name, image, port and network, ignoring case', () => {
    expect(names('WEB')).toEqual(['web']);
    expect(names('postgres')).toEqual(['db']);
    expect(names('8080')).toEqual(['web']);
    expect(names('backend')).toEqual(['db']);
  });

  it('needs every word to match', () => {
    expect(names('distroless static')).toEqual(['distroless-app']);
    expect(names('distroless nginx')).toEqual([]);
  });

  it('matches an id prefix', () => {
    expect(names(list[1]?.id.slice(0, 6) ?? 'x')).toEqual(['db']);
  });
});

describe('shortId', () => {
  it('shows 12 characters, without a digest prefix', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
  });
});
