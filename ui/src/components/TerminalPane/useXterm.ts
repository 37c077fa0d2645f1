// One xterm.js terminal bound to one element: created when the element appears, fitted to it
// whenever the element changes size (a ResizeObserver on the element, not a window listener),
// disposed with it. A theme change updates the terminal's options without rebuilding it.

import { useCallback, useEffect, useRef, useState } from 'react';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';

export interface Xterm {
  terminal: Terminal;
  search: SearchAddon;
}

const FONT_FAMILY = 'ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

/** `openLink` opens a clicked link (through the API: Docker Desktop must hand it to the browser). */
export function useXterm(theme: ITheme, openLink: (url: string) => void): { ref: (element: HTMLDivElement | null) => void; xterm: Xterm | null } {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [xterm, setXterm] = useState<Xterm | null>(null);
  const themeRef = useRef(theme);
  // the terminal itself, for the effects that change it: `xterm` is a snapshot for rendering
  const terminalRef = useRef<Terminal | null>(null);
  const openLinkRef = useRef(openLink);
  useEffect(() => {
    openLinkRef.current = openLink;
  }, [openLink]);

  useEffect(() => {
    if (!element) return;
    // The DOM renderer (no WebGL addon): rows stay readable text in the page.
    const terminal = new Terminal({
      theme: themeRef.current,
      fontFamily: FONT_FAMILY,
      fontSize: 13,
      cursorBlink: true,
      scrollback: 10_000,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    terminal.loadAddon(fit);
    terminal.loadAddon(search);
    terminal.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        openLinkRef.current(uri);
      }),
    );
    terminal.open(element);

    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // A hidden tab has no size: keep the last fit until it is shown again.
        if (element.clientWidth === 0 || element.clientHeight === 0) return;
        fit.fit();
      });
    };
    const observer = new ResizeObserver(refit);
    observer.observe(element);
    refit();
    terminalRef.current = terminal;
    setXterm({ terminal, search });

    return function disposeTerminal() {
      observer.disconnect();
      cancelAnimationFrame(frame);
      terminalRef.current = null;
      setXterm(null);
      terminal.dispose();
    };
  }, [element]);

  // after the terminal's own effect: a terminal made in the same commit is given the new theme here
  useEffect(() => {
    themeRef.current = theme;
    const terminal = terminalRef.current;
    if (terminal) terminal.options.theme = theme;
  }, [theme]);

  const ref = useCallback((node: HTMLDivElement | null) => setElement(node), []);
  return { ref, xterm };
}
