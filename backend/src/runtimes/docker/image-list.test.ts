import { describe, expect, it } from 'vitest';
import { debuggableImages, type ListedImage } from './image-list.js';

describe('debuggableImages', () => {
  it('lists tagged images newest first, with size and creation time', () => {
    const listed = [
      { Id: 'sha256:old', RepoTags: ['busybox:latest'], Size: 4_000_000, Created: 1_600_000_000 },
      { Id: 'sha256:new', RepoTags: ['app:2', 'app:latest'], Size: 120_000_000, Created: 1_700_000_000 },
    ];
    expect(debuggableImages(listed)).toEqual([
      { id: 'sha256:new', tags: ['app:2', 'app:latest'], size: 120_000_000, createdAt: '2023-11-14T22:13:20.000Z' },
      { id: 'sha256:old', tags: ['busybox:latest'], size: 4_000_000, createdAt: '2020-09-13T12:26:40.000Z' },
    ]);
  });

  it('leaves out dangling images, in either engine spelling', () => {
    const listed = [
      { Id: 'sha256:a', RepoTags: ['<none>:<none>'], Created: 1 },
      { Id: 'sha256:b', RepoTags: null, Created: 2 },
      { Id: 'sha256:c', Created: 3 },
      { Id: 'sha256:d', RepoTags: ['kept:1'], Created: 4 },
    ];
    expect(debuggableImages(listed).map((i) => i.id)).toEqual(['sha256:d']);
  });

  it("leaves out cdebug's own temporary images", () => {
    const listed: ListedImage[] = [
      { Id: 'sha256:copy', RepoTags: ['cdebug-copy:s1'], Labels: { 'io.cdebug.session': 's1' }, Created: 5 },
      { Id: 'sha256:user', RepoTags: ['mine:1'], Labels: { 'org.opencontainers.image.title': 'mine' }, Created: 4 },
    ];
    expect(debuggableImages(listed).map((i) => i.id)).toEqual(['sha256:user']);
  });

  it('answers an unknown creation time and size with neutral values', () => {
    expect(debuggableImages([{ Id: 'sha256:x', RepoTags: ['x:1'] }])).toEqual([{ id: 'sha256:x', tags: ['x:1'], size: 0, createdAt: '' }]);
  });
});
