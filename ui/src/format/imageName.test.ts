import { describe, expect, it } from 'vitest';
import { imageLabel } from './imageName';

const HEX = '0123456789abcdef'.repeat(4);

describe('imageLabel', () => {
  it('shows an untagged image (its id) as its first 12 hex digits, like docker ps, keeping the full id', () => {
    expect(imageLabel(`sha256:${HEX}`)).toEqual({ text: '0123456789ab', full: `sha256:${HEX}` });
    expect(imageLabel(HEX)).toEqual({ text: '0123456789ab', full: HEX });
    expect(imageLabel(`sha256:${HEX.toUpperCase()}`).text).toBe('0123456789ab');
  });

  it('keeps the name of a digest-pinned reference and shortens its digest', () => {
    const ref = `registry.example:5000/team/app@sha256:${HEX}`;
    expect(imageLabel(ref)).toEqual({ text: 'registry.example:5000/team/app@sha256:0123456789ab', full: ref });
  });

  it('shows names, tags and anything not an id as they are', () => {
    for (const image of ['busybox:latest', 'nixery.dev/shell/ps', 'sha256:short', `sha256:${HEX}0`, `app:${HEX}`, '']) {
      expect(imageLabel(image)).toEqual({ text: image, full: null });
    }
  });
});
