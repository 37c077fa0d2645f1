// The `entrypoint` command of a copy or image session: what the original would have run
// (ENTRYPOINT + CMD), where and as whom, and `entrypoint --run` to run it in the foreground and
// watch it fail. Pure: the script's text, with the original's facts written into it escaped
// (only [A-Za-z0-9_=.,:/@%+-] and \0ooo, decoded with `printf %b`), so no fact is ever read as
// shell text. The entry script writes it into the sidecar's own filesystem (never the target's),
// behind a #! line naming the toolkit's shell, and puts its directory first on PATH.

import { escapeForPrintf } from './env-codec.js';

/** What the original container (or image) is set to run. */
export interface OriginalFacts {
  /** ENTRYPOINT then CMD, as the engine would run them */
  argv: readonly string[];
  /** '' is the root */
  workingDir: string;
  /** USER[:GROUP]; '' is root */
  user: string;
}

const SAFE_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** one word as a shell would need it typed */
export function shellWord(word: string): string {
  return SAFE_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** what `entrypoint` prints */
export function describeOriginal(facts: OriginalFacts): string {
  const command = facts.argv.length > 0 ? facts.argv.map(shellWord).join(' ') : '(none: the original has no ENTRYPOINT or CMD)';
  return [
    `command:           ${command}`,
    `working directory: ${facts.workingDir || '/'}`,
    `user:              ${facts.user || 'root'}`,
    'run it here with:  entrypoint --run',
  ].join('\n');
}

const quoted = (text: string) => `'${escapeForPrintf(text)}'`;

/** the script's body (the entry script adds the #! line) */
export function entrypointScript(facts: OriginalFacts): string {
  const argvLines = facts.argv.map((arg) => `x${escapeForPrintf(arg)}`).join('\n');
  return `# cdebug: what the original runs, and --run to run it here (in the copy)
set -u
unesc() { v=$(printf '%bx' "$1"); v=\${v%x}; }
case "\${1:-}" in
  '') unesc ${quoted(describeOriginal(facts))}; printf '%s\\n' "$v"; exit 0 ;;
  --run) ;;
  -h | --help) echo 'usage: entrypoint [--run]: show, or run in the foreground, what the original runs'; exit 0 ;;
  *) echo "entrypoint: unknown option '$1' (entrypoint --run runs it)" >&2; exit 2 ;;
esac
unesc ${quoted(facts.workingDir || '/')}; workdir=$v
unesc ${quoted(facts.user)}; user=$v
set --
while IFS= read -r line; do
  [ -n "$line" ] || continue
  unesc "\${line#x}"; set -- "$@" "$v"
done <<'CDEBUG_ARGV'
${argvLines}
CDEBUG_ARGV
[ "$#" -gt 0 ] || { echo 'entrypoint: the original has no ENTRYPOINT or CMD to run' >&2; exit 1; }
cd -- "$workdir" 2>/dev/null || echo "entrypoint: cannot enter $workdir, running in $(pwd)" >&2
case $user in
  '' | root | 0 | 0:0 | root:root) ;;
  *)
    # setpriv --reuid, or Debian's busybox nsenter -S -G (as the entry script switches)
    switch=
    if setpriv --help 2>&1 | grep -q -- --reuid; then switch=setpriv
    elif nsenter --help 2>&1 | grep -q -- '-S UID'; then switch=nsenter; fi
    if [ "$(id -u 2>/dev/null)" != 0 ]; then
      echo "entrypoint: this shell is not root, so it runs as itself, not as $user" >&2
    elif [ -n "$switch" ]; then
      uid=\${user%%:*}; gid=
      case $user in *:*) gid=\${user#*:} ;; esac
      case $uid in *[!0-9]*)
        name=$uid; uid=
        while IFS=: read -r n _ i g _; do [ "$n" = "$name" ] && { uid=$i; [ -n "$gid" ] || gid=$g; break; }; done </etc/passwd 2>/dev/null ;;
      esac
      case $gid in *[!0-9]* )
        group=$gid; gid=
        while IFS=: read -r n _ i _; do [ "$n" = "$group" ] && { gid=$i; break; }; done </etc/group 2>/dev/null ;;
      esac
      if [ -n "$uid" ] && [ "$switch" = setpriv ]; then
        set -- setpriv --reuid "$uid" --regid "\${gid:-$uid}" --clear-groups "$@"
      elif [ -n "$uid" ]; then
        set -- nsenter -S "$uid" -G "\${gid:-$uid}" "$@"
      else
        echo "entrypoint: user $user is not in /etc/passwd, so this runs as root" >&2
      fi
    else
      echo "entrypoint: the toolkit has no setpriv or nsenter to switch users, so this runs as root, not as $user" >&2
    fi ;;
esac
# Ctrl-C is for the program: this script stays to say how it ended
trap : INT QUIT
"$@"
code=$?
echo "exit code $code"
exit "$code"
`;
}
