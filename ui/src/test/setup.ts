// Test setup for the UI project: jest-dom matchers, a clean DOM and storage between tests, and
// the few browser APIs that jsdom lacks and that MUI or xterm call (matchMedia, ResizeObserver).
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The build machines have 2 busy cores: loading xterm's chunk lazily can take more than the
// default second there.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
  vi.useRealTimers();
});

if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  });
}

// jsdom has no canvas; xterm only probes it (and falls back), so answer "none" quietly.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

if (!('ResizeObserver' in window)) {
  class NoopResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, 'ResizeObserver', { value: NoopResizeObserver, writable: true });
}

// jsdom lays nothing out: every height is 0, and a virtualised list would render no rows. Give
// the container list's scroller a viewport (600 px, about 11 rows) and its rows a height, so the
// tests see what a browser shows: the rows in view and a few beyond, not all of them.
const VIEWPORT_PX = 600;
const ROW_PX = 53;
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
Object.defineProperty(Element.prototype, 'clientHeight', {
  configurable: true,
  get(this: Element) {
    if (this instanceof HTMLElement && this.dataset.testid === 'container-scroller') return VIEWPORT_PX;
    return (clientHeight?.get?.call(this) as number | undefined) ?? 0;
  },
});
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    if (this.tagName === 'TR' && this.dataset.index !== undefined) return ROW_PX;
    return (offsetHeight?.get?.call(this) as number | undefined) ?? 0;
  },
});
