// The Command field: one line, split into argv the way a POSIX shell splits words, so that
// `sh -c 'echo "$HOME"'` becomes ["sh", "-c", "echo \"$HOME\""]. Nothing is expanded: the argv
// travels to the service as a list and is never interpolated into shell text.

export type SplitResult = { ok: true; argv: string[] } | { ok: false; message: string };

export function splitCommand(line: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;

  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] ?? '')) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return { ok: false, message: 'The command ends with a lone backslash.' };
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== null) return { ok: false, message: `A ${quote === "'" ? 'single' : 'double'} quote is not closed.` };
  if (inWord) argv.push(word);
  return { ok: true, argv };
}
