import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { container } from '../../test/fakeApi';
import { ContainerList } from './ContainerList';

// a thousand containers, as issue 16 asks the list to carry; the test setup gives the scroller
// a 600 px viewport and rows 53 px, as a browser would lay them out
const many = Array.from({ length: 1000 }, (_, i) =>
  container({ id: `${String(i).padStart(4, '0')}${'a'.repeat(60)}`, name: `app-${String(i).padStart(4, '0')}` }),
);

function show() {
  const onDebug = vi.fn();
  render(<ContainerList containers={many} error={null} loading={false} onDebug={onDebug} onRetry={vi.fn()} />);
  return { onDebug };
}

function bodyRows() {
  return screen.getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1');
}

describe('ContainerList with a thousand containers', () => {
  it('renders only the rows in view, and tells the true count', () => {
    show();
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(50);
    expect(screen.getByRole('table', { name: 'Running containers' })).toHaveAttribute('aria-rowcount', '1001');
    expect(screen.getByText('1000 running')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Debug app-0000' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Debug app-0999' })).not.toBeInTheDocument();
  });

  it('keeps the spacer rows away from assistive tech', () => {
    show();
    const hidden = document.querySelectorAll('tbody tr[aria-hidden="true"]');
    expect(hidden).toHaveLength(1); // below the window only, at the top
    expect(bodyRows().every((r) => r.hasAttribute('data-index'))).toBe(true);
  });

  it('renders the end of the list once scrolled there, each row at its place', async () => {
    const { onDebug } = show();
    const scroller = screen.getByTestId('container-scroller');
    act(() => {
      scroller.scrollTop = 999 * 53;
      fireEvent.scroll(scroller);
    });
    const last = await screen.findByRole('button', { name: 'Debug app-0999' });
    expect(screen.queryByRole('button', { name: 'Debug app-0000' })).not.toBeInTheDocument();
    expect(last.closest('tr')).toHaveAttribute('aria-rowindex', '1001');
    expect(bodyRows().length).toBeLessThan(50);
    fireEvent.click(last);
    expect(onDebug).toHaveBeenCalledWith(many[999]);
  });

  it('finds a container far down the list with the filter', async () => {
    const user = userEvent.setup();
    show();
    await user.type(screen.getByLabelText('Filter containers'), 'app-0777');
    expect(screen.getByText('1 of 1000 running')).toBeInTheDocument();
    const [only, ...rest] = bodyRows();
    expect(rest).toHaveLength(0);
    expect(within(only as HTMLElement).getByRole('button', { name: 'Debug app-0777' })).toBeInTheDocument();
  });
});
