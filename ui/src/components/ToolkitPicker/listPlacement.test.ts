import { describe, expect, it } from 'vitest';
import { COMFORTABLE, GAP, listPlacement } from './listPlacement';

describe('listPlacement (toolkit suggestions never cover the dialog buttons)', () => {
  it('opens below, down to the top of the buttons, when there is room for a few suggestions', () => {
    const p = listPlacement({ field: { top: 200, bottom: 256 }, limitBottom: 600, viewportHeight: 1000 });
    expect(p).toEqual({ placement: 'bottom-start', maxHeight: 600 - 256 - GAP });
    // the list's bottom edge stays above the buttons
    expect(256 + p.maxHeight).toBeLessThan(600);
  });

  it("keeps MUI's cap of 40% of the window when the dialog is tall", () => {
    expect(listPlacement({ field: { top: 100, bottom: 156 }, limitBottom: 1900, viewportHeight: 2000 })).toEqual({ placement: 'bottom-start', maxHeight: 800 });
  });

  it('opens upwards, over the title, when the room below is short and there is more above', () => {
    const p = listPlacement({ field: { top: 300, bottom: 356 }, limitBottom: 456, viewportHeight: 800 });
    expect(p).toEqual({ placement: 'top-start', maxHeight: 300 - GAP });
  });

  it('stays below when the room above is no better', () => {
    const p = listPlacement({ field: { top: 60, bottom: 116 }, limitBottom: 240, viewportHeight: 800 });
    expect(p.placement).toBe('bottom-start');
    expect(p.maxHeight).toBe(240 - 116 - GAP);
    expect(p.maxHeight).toBeLessThan(COMFORTABLE);
  });

  it('never reaches past the window, nor below zero', () => {
    expect(listPlacement({ field: { top: 500, bottom: 556 }, limitBottom: 5000, viewportHeight: 800 })).toEqual({
      placement: 'bottom-start',
      maxHeight: 800 - 556 - GAP,
    });
    expect(listPlacement({ field: { top: 0, bottom: 56 }, limitBottom: 40, viewportHeight: 700 }).maxHeight).toBe(0);
  });
});
