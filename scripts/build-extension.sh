#!/usr/bin/env bash
# Builds the Docker Desktop extension image (the Dockerfile at the top of the checkout).
#
#   scripts/build-extension.sh IMAGE[:TAG]        (make build-extension, make dev-up)
#
# Environment, all optional:
#   NODE_IMAGE, RUNTIME_IMAGE   base images (defaults in the Dockerfile: node:20-bookworm-slim);
#                               where no registry is reachable, make them with docker/local-base.sh
#   PROJECT_URL                 the project's public repository (https://github.com/OWNER/REPO):
#                               the Marketplace labels then link to its README, its docs, its
#                               icon and screenshots on PROJECT_BRANCH (default main). Without
#                               it, the URL of the checkout's `origin` remote when that is an
#                               https URL; without either, the labels say that cdebug has no
#                               public address yet (the Dockerfile's defaults).
#
# The same image serves the release and `docker extension dev ui-source` (make dev-up): the
# service accepts WebSockets from any page that holds its token (--origin-policy token-only in
# docker-compose.yaml), Vite's dev server included.
#
# Works with BuildKit (Docker Desktop) and without it: where the buildx plugin is missing the
# classic builder is used, and where the engine has no bridge network (--bridge=none) the RUN
# steps use the host's network to reach the npm registry.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

(($# == 1)) || { echo "usage: $0 IMAGE[:TAG]" >&2; exit 2; }
image=$1

version=$(node -p "require('./backend/package.json').version")
args=(--build-arg "VERSION=$version" -t "$image")
[[ -n ${NODE_IMAGE:-} ]] && args+=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
[[ -n ${RUNTIME_IMAGE:-} ]] && args+=(--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")

project=${PROJECT_URL:-}
if [[ -z $project ]]; then
  origin=$(git remote get-url origin 2>/dev/null || true)
  [[ $origin == https://* ]] && project=${origin%.git}
fi
project=${project%/}
if [[ -n $project ]]; then
  [[ $project == https://* ]] || { echo "PROJECT_URL must be an https URL (got $project)" >&2; exit 2; }
  raw="$project/raw/${PROJECT_BRANCH:-main}"
  blob="$project/blob/${PROJECT_BRANCH:-main}"
  args+=(
    --build-arg "SOURCE_URL=$project"
    --build-arg "PUBLISHER_URL=$project"
    --build-arg "ICON_URL=$raw/docker/cdebug.svg"
    --build-arg "SCREENSHOTS=[{\"alt\": \"cdebug in light mode: running containers with a Debug button, and a busybox shell inside a distroless container\", \"url\": \"$raw/docs/screenshot-light.png\"}, {\"alt\": \"cdebug in dark mode: a debugging session in a container that has no shell of its own\", \"url\": \"$raw/docs/screenshot-dark.png\"}]"
    --build-arg "ADDITIONAL_URLS=[{\"title\": \"Documentation\", \"url\": \"$blob/README.md\"}, {\"title\": \"Docker Desktop extension\", \"url\": \"$blob/docs/DOCKER_DESKTOP.md\"}]"
  )
fi

if [[ -z ${DOCKER_BUILDKIT:-} ]] && ! docker buildx version >/dev/null 2>&1; then
  export DOCKER_BUILDKIT=0
fi
# BuildKit knows the platform it builds on; the classic builder needs to be told (Dockerfile)
if [[ ${DOCKER_BUILDKIT:-} == 0 ]]; then
  args+=(--build-arg "BUILDPLATFORM=$(docker version --format '{{.Server.Os}}/{{.Server.Arch}}')")
  # the classic builder leaves a failed RUN step's container behind otherwise
  args+=(--force-rm)
fi
if ! docker network inspect bridge >/dev/null 2>&1; then
  args+=(--network host)
fi

echo "docker build -t $image .${project:+ (labels link to $project)}"
docker build "${args[@]}" .

size=$(docker image inspect --format '{{.Size}}' "$image")
label_note=" (labels: no public address, they say so)"
[[ -n $project ]] && label_note=" (labels link to $project)"
echo "built $image ($((size / 1000000)) MB)$label_note"
