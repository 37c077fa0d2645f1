// Reads asciicast v2 text back into its header and events, and plays it into a terminal: what
// the tests (and anyone checking a file) use to see that a recording reproduces a screen. Pure
// apart from the terminal it is handed.

export interface ParsedCast {
  header: { version: number; width: number; height: number; timestamp: number; title: string };
  events: Array<[number, string, string]>;
}

export function parseCast(text: string): ParsedCast {
  const lines = text.split('\n').filter((l) => l !== '');
  const [first, ...rest] = lines;
  if (first === undefined) throw new Error('an empty recording has no header');
  const header = JSON.parse(first) as ParsedCast['header'];
  if (header.version !== 2) throw new Error(`not asciicast v2: version ${String(header.version)}`);
  const events = rest.map((line) => {
    const event = JSON.parse(line) as unknown;
    if (!Array.isArray(event) || event.length !== 3 || typeof event[0] !== 'number' || typeof event[1] !== 'string' || typeof event[2] !== 'string') {
      throw new Error(`not an asciicast event: ${line.slice(0, 80)}`);
    }
    return event as [number, string, string];
  });
  return { header, events };
}

/** the terminal calls a replay needs (an xterm, headless or not) */
export interface ReplayTerminal {
  resize(cols: number, rows: number): void;
  write(data: string, done: () => void): void;
}

/** plays every output and resize event into the terminal, in order, at once */
export async function replayInto(terminal: ReplayTerminal, cast: ParsedCast): Promise<void> {
  for (const [, kind, data] of cast.events) {
    if (kind === 'o') await new Promise<void>((resolve) => terminal.write(data, resolve));
    else if (kind === 'r') {
      const [cols, rows] = data.split('x').map(Number);
      if (cols && rows) terminal.resize(cols, rows);
    }
  }
}
