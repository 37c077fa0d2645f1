// Where the toolkit suggestions open in the Debug dialog: never over its buttons. jsdom has no
// layout, so the dialog's geometry is given (getBoundingClientRect of the field and the content);
// the placement and height that reach the popper and the list are what the test reads.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { container, fakeApi, ok } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import DebugDialog from './DebugDialog';
import { GAP } from './listPlacement';

function layout(field: { top: number; bottom: number }, contentBottom: number, viewportHeight: number) {
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(viewportHeight);
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function rect(this: Element) {
    const box = (top: number, bottom: number) =>
      ({ top, bottom, left: 0, right: 500, x: 0, y: top, width: 500, height: bottom - top, toJSON: () => ({}) }) as DOMRect;
    if (this.classList.contains('MuiInputBase-root')) return box(field.top, field.bottom);
    if (this.classList.contains('MuiDialogContent-root')) return box(field.top - 20, contentBottom);
    return box(0, 0);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

async function openSuggestions() {
  const user = userEvent.setup();
  renderWithApi(<DebugDialog target={container({ name: 'web' })} onClose={vi.fn()} onStart={vi.fn(async () => ok({}))} />, fakeApi());
  await user.click(screen.getByRole('button', { name: 'Open' }));
  const listbox = await screen.findByRole('listbox', { name: 'Suggested toolkits' });
  const popper = listbox.closest('[data-popper-placement]');
  return { listbox, placement: popper?.getAttribute('data-popper-placement') };
}

describe('ToolkitField: the suggestions leave the dialog buttons uncovered', () => {
  it('open below the field and end above the buttons when there is room for a few', async () => {
    layout({ top: 150, bottom: 206 }, 600, 1200);
    const { listbox, placement } = await openSuggestions();
    expect(placement).toBe('bottom-start');
    expect(listbox.style.maxHeight).toBe(`${600 - 206 - GAP}px`);
  });

  it('open upwards, over the title, when the buttons leave little room below', async () => {
    // a short window: the field sits 100 px above the buttons
    layout({ top: 320, bottom: 376 }, 476, 700);
    const { listbox, placement } = await openSuggestions();
    expect(placement).toBe('top-start');
    expect(listbox.style.maxHeight).toBe(`${Math.min(320 - GAP, 0.4 * 700)}px`);
  });
});
