# cdebug as a Docker Desktop extension: the UI in /ui, the backend as one bundled file, and
# the metadata that tells Docker Desktop how to run it (metadata.json, docker-compose.yaml).
#
#   make build-extension                 (= docker build -t cdebug/cdebug-extension:latest .)
#
# Builds from a clean context with the lock file (npm ci). The base images are build arguments
# so that the image can also be built where no image registry is reachable, from a base made
# locally (packaging/extension.test.ts does that with docker/local-base.sh):
#
#   docker build --network host \
#     --build-arg NODE_IMAGE=cdebug-test/node:20 \
#     --build-arg RUNTIME_IMAGE=cdebug-test/node-runtime:20 -t cdebug-extension .
#
# NODE_IMAGE needs node, npm and a POSIX shell; RUN steps reach the npm registry through the
# build's network (`--network host` where the engine has no bridge). RUNTIME_IMAGE needs only
# node (>= 20.19) with its libraries: the final stage runs nothing at build time.
# Works with the classic builder (DOCKER_BUILDKIT=0) and with BuildKit.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=${NODE_IMAGE}

# ---------------------------------------------------------------------------------------------
# build: npm ci from the lock file, type-check and build both workspaces, bundle the backend
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_LOGLEVEL=warn CI=true

# The manifests first, so that the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY ui/package.json ui/
# Install scripts are not needed (esbuild and rolldown ship their binaries as packages; the
# root `prepare` would build before the sources are here): the build runs below, explicitly.
RUN npm ci --ignore-scripts

COPY tsconfig.json ./
COPY backend/ backend/
COPY ui/ ui/
COPY docker/bundle.mjs docker/
# tsc checks the backend, vite builds the UI (after its own type-check), esbuild bundles the
# backend into one file; the UI's source maps stay behind (no sources in the image).
RUN npm run build --workspace backend \
 && npm run build --workspace ui \
 && node docker/bundle.mjs /out/backend \
 && find ui/dist -name '*.map' -type f -exec rm -f {} +

# ---------------------------------------------------------------------------------------------
# extension: what Docker Desktop installs. No npm, no node_modules, no sources, no tests.
FROM ${RUNTIME_IMAGE} AS extension

# Marketplace labels (all required ones, and the optional categories and additional URLs).
# The icon and screenshots are fetched by Docker Desktop from the project's repository, so
# they are absolute URLs built from PROJECT_URL (GitHub's /raw/<branch>/ path serves a
# committed file); metadata.json names the icon inside the image for the installed extension.
ARG PROJECT_URL=https://github.com/cdebug/cdebug
ARG PROJECT_BRANCH=main
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="cdebug" \
      org.opencontainers.image.description="A shell with real debugging tools inside running containers that have none (scratch, distroless, slim), without restarting or changing them." \
      org.opencontainers.image.vendor="The cdebug authors" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${PROJECT_URL}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      com.docker.desktop.extension.api.version=">= 0.3.4" \
      com.docker.desktop.extension.icon="${PROJECT_URL}/raw/${PROJECT_BRANCH}/docker/cdebug.svg" \
      com.docker.extension.screenshots="[{\"alt\": \"cdebug in light mode: running containers with a Debug button, and a busybox shell inside a distroless container\", \"url\": \"${PROJECT_URL}/raw/${PROJECT_BRANCH}/docs/screenshot-light.png\"}, {\"alt\": \"cdebug in dark mode: a debugging session in a container that has no shell of its own\", \"url\": \"${PROJECT_URL}/raw/${PROJECT_BRANCH}/docs/screenshot-dark.png\"}]" \
      com.docker.extension.detailed-description="<p><code>docker exec -it my-app sh</code> answers <em>no such file</em> when the container is built from scratch, distroless or a slim image. <b>cdebug</b> opens a shell there anyway, with real tools, without restarting or changing the container.</p><ul><li>Pick a running container and press <b>Debug</b>: a terminal opens inside it, in its filesystem, its processes and its network.</li><li>The tools come from a toolkit image that runs beside the container (busybox by default, any image you choose, nixery.dev images too); nothing is written into the container.</li><li>Works with containers that run as a non-root user, have a read-only root filesystem or dropped every capability.</li><li>Sessions survive leaving the tab; closing a session removes its helper container.</li></ul><p>The same engine ships as a CLI, <code>cdebug exec</code>, and a standalone web UI.</p>" \
      com.docker.extension.publisher-url="${PROJECT_URL}" \
      com.docker.extension.additional-urls="[{\"title\": \"Documentation\", \"url\": \"${PROJECT_URL}#readme\"}, {\"title\": \"Docker Desktop extension\", \"url\": \"${PROJECT_URL}/blob/${PROJECT_BRANCH}/docs/DOCKER_DESKTOP.md\"}, {\"title\": \"Issues\", \"url\": \"${PROJECT_URL}/issues\"}, {\"title\": \"Licence (Apache-2.0)\", \"url\": \"${PROJECT_URL}/blob/${PROJECT_BRANCH}/LICENSE\"}]" \
      com.docker.extension.changelog="<p>First release of the extension:</p><ul><li>running containers with a Debug button, a toolkit picker and terminal tabs</li><li>shells in scratch and distroless containers, non-root, read-only and capability-less ones included</li><li>sessions that outlive the tab, with their screen restored on return</li></ul>" \
      com.docker.extension.categories="utility-tools"

# The image root is what metadata.json describes: the compose file, the icon and the UI.
COPY metadata.json docker-compose.yaml /
COPY docker/cdebug.svg /cdebug.svg
COPY --from=build /src/ui/dist /ui
COPY --from=build /out/backend /opt/cdebug/backend

# The backend serves this same UI on its TCP port too (a standalone page in a browser).
ENV CDEBUG_UI_DIR=/ui \
    NODE_ENV=production
# Origins besides the service's own that may open WebSockets: empty in a release. `make dev-up`
# builds with DEV_ORIGINS=http://localhost:5173 for the UI that Docker Desktop loads from the
# Vite dev server (docker extension dev ui-source); the access token is required either way.
ARG DEV_ORIGINS=
ENV CDEBUG_ALLOWED_ORIGINS=${DEV_ORIGINS}

# root, on purpose. The service needs two things that Docker Desktop gives root: the engine
# socket (Desktop's VM mounts /var/run/docker.sock.raw, root-owned, with no documented group a
# fixed uid could join) and /run/guest-services, the root-owned directory where the service
# creates its socket for Desktop. An unprivileged uid would not contain anything either: whoever
# can use the engine socket is in effect root on the VM (it can start privileged containers).
# The service's own socket is created with mode 0600.
USER root

ENTRYPOINT ["node", "/opt/cdebug/backend/dist/bundle/cdebug.mjs"]
# docker-compose.yaml gives Desktop's command; this default is the same.
CMD ["serve", "--socket", "/run/guest-services/cdebug.sock"]
