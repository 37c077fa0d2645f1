// The Images tab's list: each image with its size and age, a filter, Debug on each, and what it
// shows with no images or when the service fails.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ErrorInfo, ImageSummary } from '@cdebug/contract';
import { image } from '../../test/fakeApi';
import { ImageList } from './ImageList';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const images = [
  image({ tags: ['app:2', 'app:latest'], size: 120_000_000, createdAt: '2026-01-10T09:00:00Z' }),
  image({ tags: ['busybox:latest'], size: 4_261_000, createdAt: '2025-12-31T12:00:00Z' }),
];

function show(props: { images?: ImageSummary[] | null; error?: ErrorInfo | null } = {}) {
  const onDebug = vi.fn();
  const onRetry = vi.fn();
  render(<ImageList images={images} error={null} loading={false} onDebug={onDebug} onRetry={onRetry} now={NOW} {...props} />);
  return { onDebug, onRetry };
}

describe('ImageList', () => {
  it('shows each image with its other tags, size and age', () => {
    show();
    const app = screen.getByRole('row', { name: /app:2/ });
    expect(within(app).getByText(/also app:latest/)).toBeInTheDocument();
    expect(within(app).getByText('120 MB')).toBeInTheDocument();
    expect(within(app).getByText('3 h ago')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /busybox/ })).getByText('4.3 MB')).toBeInTheDocument();
    expect(screen.getByText('2 images')).toBeInTheDocument();
  });

  it('hands over the image from its Debug button', async () => {
    const user = userEvent.setup();
    const { onDebug } = show();
    await user.click(screen.getByRole('button', { name: 'Debug image busybox:latest' }));
    expect(onDebug).toHaveBeenCalledWith(images[1]);
  });

  it('filters by tag as the user types', async () => {
    const user = userEvent.setup();
    show();
    await user.type(screen.getByLabelText('Filter images'), 'busy');
    expect(screen.queryByRole('row', { name: /app:2/ })).not.toBeInTheDocument();
    expect(screen.getByText('1 of 2 images')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Filter images'));
    await user.type(screen.getByLabelText('Filter images'), 'nothing-like-it');
    expect(screen.getByText(/No image matches/)).toBeInTheDocument();
  });

  it('says how to get an image when there is none, and offers a retry when the list fails', async () => {
    const user = userEvent.setup();
    show({ images: [] });
    expect(screen.getByText('No local images')).toBeInTheDocument();
    const { onRetry } = show({ images: null, error: { code: 'engine_unreachable', message: 'The engine does not answer.' } });
    await user.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(onRetry).toHaveBeenCalled();
  });
});
