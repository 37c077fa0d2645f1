#!/usr/bin/env bash
# The project's test command (`npm test` and `make test` run it).
#
#   scripts/test.sh                    every suite: unit integration integration-podman integration-containerd integration-cri ui e2e packaging
#   scripts/test.sh unit ui            only those suites (Vitest projects, see vitest.config.ts)
#
# integration-podman runs the CLI's end-to-end tests again against Podman's Docker API
# (scripts/podman.sh installs Podman when missing, starts `podman system service` and loads the
# fixture images into it; it is stopped again at the end). integration-containerd runs the CLI's
# end-to-end cases and a service test against containerd's own API, integration-cri the CLI's cases
# against its Kubernetes CRI plugin: scripts/containerd.sh installs Debian's containerd when
# missing, starts one of the tests' own (CRI plugin on) and imports the fixture images from Docker;
# it is stopped again at the end. The integration suite's ssh:// tests
# need an OpenSSH server binary (scripts/ssh.sh installs it; the tests start their own sshd).
#
# Starts from nothing: installs the packages the selected suites need (scripts/needs.sh, the one
# list; a suite whose packages cannot be had is not run and the summary names them), brings a
# Docker engine up when none answers (scripts/engine.sh; only when a selected suite needs Docker),
# builds the project (npm run build), checks the tests' types (tsc -p tsconfig.tests.json) and
# the lint and formatting of the whole tree (npm run lint), builds the fixture images
# (scripts/fixtures.sh), runs each suite in turn (a failing suite does not stop the others),
# removes every container labelled io.cdebug.session or io.cdebug.fixture that is left, and
# ends with scripts/summarize.mjs, whose last line is `N passed, N failed[, N skipped]`.
# Exit 1 when any test failed, a suite crashed, or a setup step failed (a type, lint or format
# error counts as one).
#
# Environment: CDEBUG_SUITE_TIMEOUT (seconds per suite, default 1800).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

ALL=(unit integration integration-podman integration-containerd integration-cri ui e2e packaging)
# the containerd suites need Docker too: their fixture images are imported from it
DOCKER_SUITES=(integration integration-podman integration-containerd integration-cri e2e packaging)
SUITE_TIMEOUT=${CDEBUG_SUITE_TIMEOUT:-1800}

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[1;31m%s\033[0m\n' "$*"; }
has() { # has WORD LIST...
  local w=$1 x
  shift
  for x in "$@"; do [[ $x == "$w" ]] && return 0; done
  return 1
}

selected=()
if (($# == 0)); then
  selected=("${ALL[@]}")
else
  for s in "$@"; do
    if ! has "$s" "${ALL[@]}"; then
      echo "scripts/test.sh: unknown suite '$s' (suites: ${ALL[*]})" >&2
      exit 2
    fi
    has "$s" "${selected[@]}" || selected+=("$s")
  done
fi

# a suite that is selected and has what it needs (not_run is filled below)
runs() { has "$1" "${selected[@]}" && [[ -z ${not_run[$1]:-} ]]; }

RUN_STARTED=$(date +%s)
problems=() # setup steps that failed: each counts as a failure in the summary
[[ -n ${CDEBUG_AUDIT_FAILED:-} ]] &&
  problems+=("scripts/audit.sh: high or critical advisories in the shipped dependencies (see docs/SECURITY.md)")
rm -rf reports
mkdir -p reports

# What the selected suites need from the machine (scripts/needs.sh, the one list of packages):
# installed at once where it can be; a suite whose needs stay missing is not run, and the
# summary says which package it lacks and why.
declare -A not_run=()
suite_needs=()
for s in "${selected[@]}"; do
  for n in $(bash scripts/needs.sh suite "$s"); do has "$n" "${suite_needs[@]}" || suite_needs+=("$n"); done
done
if ((${#suite_needs[@]} > 0)); then
  step "Packages the suites need (scripts/needs.sh install ${suite_needs[*]})"
  bash scripts/needs.sh install "${suite_needs[@]}" || warn "Some packages are missing: the suites that need them will not run."
  for s in "${selected[@]}"; do
    # shellcheck disable=SC2046 # a list of words
    lacking=$(bash scripts/needs.sh missing $(bash scripts/needs.sh suite "$s") | paste -sd ';' -) && continue
    not_run[$s]="missing ${lacking//;/; } (as root: scripts/needs.sh install $(bash scripts/needs.sh suite "$s" | tr '\n' ' ' | sed 's/ $//'))"
  done
fi

# an engine only for suites that will run
needs_docker=
for s in "${selected[@]}"; do runs "$s" && has "$s" "${DOCKER_SUITES[@]}" && needs_docker=1; done

docker_ok=
if [[ -n $needs_docker ]]; then
  step "Docker engine (scripts/engine.sh)"
  if bash scripts/engine.sh; then
    docker_ok=1
  else
    problems+=("scripts/engine.sh: no Docker engine answers, so the Docker suites cannot pass")
    warn "No Docker engine: the suites that need one will fail."
  fi
fi

step "Build (npm run build)"
npm run build
rc=$?
if ((rc != 0)); then
  problems+=("npm run build failed (exit $rc): the suites ran against stale or missing build output")
  warn "BUILD FAILED (npm run build, exit $rc): see above. Running the suites anyway."
fi

# Vitest strips types without checking them: the tests' own types are checked here.
step "Typecheck the tests (tsc -p tsconfig.tests.json)"
if ! npx --no-install tsc -p tsconfig.tests.json; then
  problems+=("tsc -p tsconfig.tests.json: type errors in the tests (see above)")
  warn "TYPE ERRORS in the tests: see above. Running the suites anyway."
fi

# The layers (.dependency-cruiser.cjs, docs/ARCHITECTURE.md "Layers"): no cycles, no upward imports.
step "Layers (npm run lint:deps)"
if ! npm run --silent lint:deps; then
  problems+=("npm run lint:deps: an import breaks the layers (see above and docs/ARCHITECTURE.md, \"Layers\")")
  warn "LAYER RULES BROKEN: see above. Running the suites anyway."
fi

# typescript-eslint's type-aware rules, React's hook rules and Prettier (eslint.config.mjs,
# .prettierrc.json): the whole tree, whichever suites run.
step "Lint and format (npm run lint)"
npm run --silent lint
rc=$?
if ((rc != 0)); then
  problems+=("npm run lint failed (exit $rc): lint errors or unformatted files (see above; npm run format fixes the formatting)")
  warn "LINT FAILED (npm run lint, exit $rc): see above. Running the suites anyway."
fi

if [[ -n $docker_ok ]]; then
  step "Fixture images (scripts/fixtures.sh)"
  if ! bash scripts/fixtures.sh; then
    problems+=("scripts/fixtures.sh failed: the fixture images are missing or stale")
    warn "FIXTURES FAILED: see above. Running the suites anyway."
  fi
fi

podman_started=
if [[ -n $docker_ok ]] && runs integration-podman; then
  step "Podman (scripts/podman.sh)"
  if bash scripts/podman.sh; then
    podman_started=1
  else
    problems+=("scripts/podman.sh: Podman's Docker API does not answer, so the integration-podman suite cannot pass")
    warn "No Podman: the integration-podman suite will fail."
  fi
fi

containerd_started=
# after the fixtures: it imports them from the Docker engine
if [[ -n $docker_ok ]] && { runs integration-containerd || runs integration-cri; }; then
  step "containerd with its CRI plugin (scripts/containerd.sh)"
  if bash scripts/containerd.sh; then
    containerd_started=1
  else
    problems+=("scripts/containerd.sh: the tests' containerd does not answer, so the integration-containerd and integration-cri suites cannot pass")
    warn "No containerd: the integration-containerd and integration-cri suites will fail."
  fi
fi

if runs integration; then
  step "OpenSSH server (scripts/ssh.sh)"
  if ! bash scripts/ssh.sh; then
    problems+=("scripts/ssh.sh: no /usr/sbin/sshd, so the ssh:// engine tests are skipped")
    warn "No sshd: the ssh:// engine tests will be skipped."
  fi
fi

if runs e2e || runs packaging; then
  step "Browser (scripts/browser.sh)"
  if ! bash scripts/browser.sh; then
    problems+=("scripts/browser.sh: no Chromium at /usr/bin/chromium, so the e2e and packaging suites cannot pass")
    warn "No browser: the e2e suite will fail."
  fi
fi

engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

# Remove whatever tests left behind. A sidecar (io.cdebug.session) left behind is a bug: say so.
cleanup_containers() {
  engine_answers || return 0
  local left fixtures
  left=$(docker ps -aq --filter label=io.cdebug.session 2>/dev/null || true)
  if [[ -n $left ]]; then
    warn "LEFT BEHIND: $(wc -w <<<"$left") cdebug sidecar container(s) (label io.cdebug.session) outlived the tests: a clean-up bug."
    local id created when
    for id in $left; do
      created=$(docker inspect -f '{{.Created}}' "$id" 2>/dev/null || true)
      when="created during this run"
      if [[ -n $created ]] && (($(date -d "$created" +%s 2>/dev/null || echo "$RUN_STARTED") < RUN_STARTED)); then
        when="created BEFORE this run (an earlier run, or by hand)"
      fi
      docker ps -a --filter "id=$id" --format "    {{.ID}} {{.Names}} image={{.Image}} {{.Status}} session={{.Label \"io.cdebug.session\"}}: $when" || true
    done
    # shellcheck disable=SC2086
    docker rm -f $left >/dev/null 2>&1 || true
  fi
  fixtures=$(docker ps -aq --filter label=io.cdebug.fixture 2>/dev/null || true)
  if [[ -n $fixtures ]]; then
    echo "Removing $(wc -w <<<"$fixtures") fixture container(s) (label io.cdebug.fixture)."
    # shellcheck disable=SC2086
    docker rm -f $fixtures >/dev/null 2>&1 || true
  fi
}

interrupted() {
  warn "Interrupted: removing test containers."
  cleanup_containers
  if [[ -n ${podman_started:-} ]]; then bash scripts/podman.sh stop; fi
  if [[ -n ${containerd_started:-} ]]; then bash scripts/containerd.sh stop; fi
  exit 130
}
trap interrupted INT TERM

for s in "${selected[@]}"; do
  if [[ -n ${not_run[$s]:-} ]]; then
    step "Suite: $s NOT RUN: ${not_run[$s]}"
    continue
  fi
  step "Suite: $s (vitest --project $s)"
  timeout --kill-after=30 "$SUITE_TIMEOUT" \
    npx --no-install vitest run --project "$s" \
    --reporter=default --reporter=json --outputFile.json="reports/$s.json" </dev/null
  rc=$?
  echo "$rc" >"reports/$s.exitcode"
  if ((rc == 124 || rc == 137)); then
    warn "Suite $s was stopped after ${SUITE_TIMEOUT} s (CDEBUG_SUITE_TIMEOUT)."
  elif ((rc != 0)); then
    warn "Suite $s: vitest exited $rc."
  fi
done

step "Clean-up"
cleanup_containers
# the containers tests left in Podman, and the service itself
if [[ -n $podman_started ]]; then bash scripts/podman.sh stop; fi
# the tests' containerd (its tasks killed first: no container of theirs outlives it)
if [[ -n $containerd_started ]]; then bash scripts/containerd.sh stop; fi
trap - INT TERM

step "Summary"
args=()
for p in "${problems[@]}"; do args+=("--setup-failed=$p"); done
for s in "${!not_run[@]}"; do args+=("--not-run=$s=${not_run[$s]}"); done
for s in "${selected[@]}"; do args+=("reports/$s.json"); done
node scripts/summarize.mjs "${args[@]}"
