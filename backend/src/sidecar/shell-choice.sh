# --shell: which shell to start when the user gave no command (CDEBUG_SHELL: auto, sh, bash,
# zsh or fish). Reads root (the target's root), target_path, mode (chroot or toolkit), tools
# (the anchor whose root reaches the toolkit) and login_uid; sets shell_path to the shell as the
# command will name it. A target's shell runs inside the chroot, so it is named by its path
# there; a toolkit's is reached through the anchor's root. Only names are compared: nothing
# read from a file or the request is ever run as shell text.
shell_known() { case $1 in sh | ash | dash | bash | zsh | fish | ksh | mksh) return 0 ;; esac; return 1; }

# an executable file, or a link: an absolute link in the target points into the target, not
# into this sidecar, so it cannot be followed from here; the target's own shell says the rest
usable_in_target() { [ -L "$root$1" ] || { [ -f "$root$1" ] && [ -x "$root$1" ]; }; }

# $1 on the target's PATH (inside the chroot only), in $found
shell_in_target() {
  found=
  [ "$mode" = chroot ] || return 1
  set -f; old_ifs=$IFS; IFS=:
  for d in $target_path; do
    case $d in /*) if usable_in_target "$d/$1"; then found=$d/$1; break; fi ;; esac
  done
  IFS=$old_ifs; set +f
  [ -n "$found" ]
}

# $1 in the toolkit, in $found, named as the command will reach it
shell_in_toolkit() {
  found=
  find_tool "$1" || return 1
  if [ "$mode" = chroot ]; then found=/proc/$tools/root$tool; else found=$tool; fi
}

# the login shell of login_uid in the target's /etc/passwd (field 7), in $found, when it is a
# shell (not nologin or false) and the target has it
login_shell() {
  found=
  [ "$mode" = chroot ] && [ -r "$root/etc/passwd" ] || return 1
  while IFS=: read -r _ _ id _ _ _ sh_field; do
    [ "$id" = "${login_uid:-0}" ] && { found=$sh_field; break; }
  done < "$root/etc/passwd"
  case $found in /*) ;; *) found=; return 1 ;; esac
  shell_known "${found##*/}" && usable_in_target "$found" || { found=; return 1; }
}

choose_shell() {
  shell_path=
  case $1 in
    auto)
      if login_shell; then shell_path=$found; return 0; fi
      for s in bash zsh fish ash sh; do
        if shell_in_target "$s" || shell_in_toolkit "$s"; then shell_path=$found; return 0; fi
      done ;;
    sh | bash | zsh | fish)
      if shell_in_target "$1" || shell_in_toolkit "$1"; then shell_path=$found; return 0; fi ;;
    *) die "internal error: unknown shell '$1'" ;;
  esac
  seen=
  for s in bash zsh fish ash dash sh; do
    shell_in_target "$s" && seen="$seen, $s (target)"
    shell_in_toolkit "$s" && seen="$seen, $s (toolkit)"
  done
  seen=${seen#, }
  die "shell_not_found: no $1 shell in the target or the toolkit (found: ${seen:-none}): pick one of those with --shell, or give a command"
}
