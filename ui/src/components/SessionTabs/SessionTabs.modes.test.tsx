// Session tabs for a copy of a stopped container and for an image: the tab says so.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { IMAGES_TAB, requestFor, type SessionTab } from '../../hooks/sessionTabs';
import { session } from '../../test/fakeApi';
import { SessionTabs } from './SessionTabs';

const copy = session({ id: 'c', mode: 'copy', target: { id: 't1', name: 'crashed' }, copy: { id: 'k1', name: 'crashed-cdebug-copy' } });
const fromImage = session({ id: 'i', mode: 'image', target: { id: 'sha256:abc', name: 'app:1.0' }, copy: { id: 'k2', name: 'app-cdebug' } });
const tabs: SessionTab[] = [copy, fromImage].map((s) => ({ session: s, request: requestFor(s) }));

describe('SessionTabs for copies and images', () => {
  it('names a copy "copy of <name>" and an image session "image <ref>"', () => {
    render(<SessionTabs tabs={tabs} selected={IMAGES_TAB} onSelect={vi.fn()} onClose={vi.fn()} />);
    const names = within(screen.getByRole('tablist'))
      .getAllByRole('tab')
      .map((t) => t.textContent);
    expect(names).toEqual(['Containers', 'Images', 'copy of crashed · busybox:latest', 'image app:1.0 · busybox:latest']);
    expect(screen.getByRole('tab', { name: 'Images' })).toHaveAttribute('aria-selected', 'true');
  });

  it('restarts an image session from the image again, a copy from the container', () => {
    expect(requestFor(fromImage)).toMatchObject({ target: 'app:1.0', asImage: true });
    expect(requestFor(copy)).toEqual({ target: 'crashed', image: 'busybox:latest' });
  });
});
