// Where the toolkit suggestions open, and how tall they may be, so that they never cover the
// dialog's buttons. MUI's list opens below the field at up to 40% of the window, which in the
// Debug dialog ran over Cancel and "Start debugging". Below the field, the list may reach down to
// the bottom of the dialog's content (the buttons start there); if that leaves too little room
// and there is more above the field, it opens upwards over the dialog's title, up to the top of
// the window. Pure: the component measures, this decides.

export interface ListPlacement {
  placement: 'bottom-start' | 'top-start';
  /** CSS pixels for the list box */
  maxHeight: number;
}

export interface Measures {
  /** the field's input box, in viewport coordinates */
  field: { top: number; bottom: number };
  /** how far down the list may go: the top of the dialog's buttons, or the window's bottom */
  limitBottom: number;
  viewportHeight: number;
}

/** space kept between the list and what it must not cover */
export const GAP = 8;
/** about three suggestions (each shows a title, a description and the image reference) */
export const COMFORTABLE = 3 * 64;
/** MUI's own cap on the list's height */
const CAP = 0.4;

export function listPlacement({ field, limitBottom, viewportHeight }: Measures): ListPlacement {
  const cap = Math.round(viewportHeight * CAP);
  const below = Math.floor(Math.min(limitBottom, viewportHeight) - field.bottom - GAP);
  const above = Math.floor(field.top - GAP);
  if (below >= COMFORTABLE || below >= above) return { placement: 'bottom-start', maxHeight: Math.max(0, Math.min(cap, below)) };
  return { placement: 'top-start', maxHeight: Math.max(0, Math.min(cap, above)) };
}
