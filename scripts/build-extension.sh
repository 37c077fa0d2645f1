#!/usr/bin/env bash
# Builds the Docker Desktop extension image (the Dockerfile at the top of the checkout).
#
#   scripts/build-extension.sh [--dev] IMAGE[:TAG]        (make build-extension, make dev-up)
#
#   --dev   let the UI served by Vite's dev server (http://localhost:5173, for
#           `docker extension dev ui-source`) open WebSockets to the backend; a release image
#           accepts only its own origin.
#
# Environment, all optional:
#   NODE_IMAGE, RUNTIME_IMAGE   base images (defaults in the Dockerfile: node:20-bookworm-slim);
#                               where no registry is reachable, make them with docker/local-base.sh
#   PROJECT_URL                 the repository whose raw files the icon and screenshot labels name
#   DEV_ORIGINS                 with --dev, the origins allowed (default http://localhost:5173)
#
# Works with BuildKit (Docker Desktop) and without it: where the buildx plugin is missing the
# classic builder is used, and where the engine has no bridge network (--bridge=none) the RUN
# steps use the host's network to reach the npm registry.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

dev=
if [[ ${1:-} == --dev ]]; then
  dev=1
  shift
fi
(($# == 1)) || { echo "usage: $0 [--dev] IMAGE[:TAG]" >&2; exit 2; }
image=$1

version=$(node -p "require('./backend/package.json').version")
args=(--build-arg "VERSION=$version" -t "$image")
[[ -n ${NODE_IMAGE:-} ]] && args+=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
[[ -n ${RUNTIME_IMAGE:-} ]] && args+=(--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
[[ -n ${PROJECT_URL:-} ]] && args+=(--build-arg "PROJECT_URL=$PROJECT_URL")
[[ -n $dev ]] && args+=(--build-arg "DEV_ORIGINS=${DEV_ORIGINS:-http://localhost:5173}")

if [[ -z ${DOCKER_BUILDKIT:-} ]] && ! docker buildx version >/dev/null 2>&1; then
  export DOCKER_BUILDKIT=0
fi
if ! docker network inspect bridge >/dev/null 2>&1; then
  args+=(--network host)
fi

echo "docker build ${args[*]} ."
docker build "${args[@]}" .

size=$(docker image inspect --format '{{.Size}}' "$image")
echo "built $image ($((size / 1000000)) MB)${dev:+, dev mode: WebSockets allowed from ${DEV_ORIGINS:-http://localhost:5173}}"
