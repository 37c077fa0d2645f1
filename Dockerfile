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
# Works with BuildKit and with the classic builder (DOCKER_BUILDKIT=0, given
# --build-arg BUILDPLATFORM=linux/amd64 or the engine's own platform: see below).

ARG NODE_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=${NODE_IMAGE}
# The platform the build stage runs on. Its output (the UI, one bundled JavaScript file, no
# native addon) is the same for every platform, so `docker buildx build --platform
# linux/amd64,linux/arm64` (make build-extension-multiarch) runs it once, natively, instead of
# under emulation. BuildKit sets it; the classic builder does not, and
# scripts/build-extension.sh passes the engine's own platform then.
ARG BUILDPLATFORM

# ---------------------------------------------------------------------------------------------
# build: npm ci from the lock file, type-check and build both workspaces, bundle the backend
FROM --platform=${BUILDPLATFORM} ${NODE_IMAGE} AS build
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
# Docker Desktop wants URLs in several of them. cdebug has no public address yet, so by default
# they say so rather than name an invented one: the icon travels inside its label as a data: URL
# of docker/cdebug.svg (the packaging test checks they are the same), the publisher URL is a
# data:text/plain note saying where the documentation is, and the screenshots' alt text says
# where they are. `make build-extension PROJECT_URL=https://github.com/OWNER/REPO` (or a clone
# whose `origin` is such a URL) replaces them with links into that repository:
# scripts/build-extension.sh builds every value below from it.
ARG VERSION=0.1.0
ARG ICON_URL="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxMjggMTI4IiB3aWR0aD0iMTI4IiBoZWlnaHQ9IjEyOCIgcm9sZT0iaW1nIiBhcmlhLWxhYmVsbGVkYnk9ImNkZWJ1Zy10aXRsZSI+CiAgPHRpdGxlIGlkPSJjZGVidWctdGl0bGUiPmNkZWJ1ZzwvdGl0bGU+CiAgPCEtLSBBIHNvbGlkIHRpbGUsIHNvIHRoYXQgdGhlIHdoaXRlIGdseXBoIHJlYWRzIHRoZSBzYW1lIG9uIERvY2tlciBEZXNrdG9wJ3MgbGlnaHQgYW5kIGRhcmsKICAgICAgIGJhY2tncm91bmRzOyB0aGUgdGhpbiBsaWdodCByaW0ga2VlcHMgaXRzIGVkZ2UgdmlzaWJsZSBvbiBkYXJrIG9uZXMuIC0tPgogIDxyZWN0IHg9IjQiIHk9IjQiIHdpZHRoPSIxMjAiIGhlaWdodD0iMTIwIiByeD0iMjgiIGZpbGw9IiMxRDYzRUQiLz4KICA8cmVjdCB4PSI0Ljc1IiB5PSI0Ljc1IiB3aWR0aD0iMTE4LjUiIGhlaWdodD0iMTE4LjUiIHJ4PSIyNy4yNSIgZmlsbD0ibm9uZSIgc3Ryb2tlPSIjRkZGRkZGIiBzdHJva2Utb3BhY2l0eT0iMC4yNSIgc3Ryb2tlLXdpZHRoPSIxLjUiLz4KICA8IS0tIGEgY29udGFpbmVyOiBhIGJveCB3aXRoIHJpYnMgYWxvbmcgaXRzIHRvcCBhbmQgYm90dG9tIC0tPgogIDxyZWN0IHg9IjIwIiB5PSIzMCIgd2lkdGg9Ijg4IiBoZWlnaHQ9IjY4IiByeD0iOSIgZmlsbD0iIzBCM0ZBOCIgc3Ryb2tlPSIjRkZGRkZGIiBzdHJva2Utd2lkdGg9IjYiLz4KICA8ZyBzdHJva2U9IiNGRkZGRkYiIHN0cm9rZS1vcGFjaXR5PSIwLjU1IiBzdHJva2Utd2lkdGg9IjQiIHN0cm9rZS1saW5lY2FwPSJyb3VuZCI+CiAgICA8cGF0aCBkPSJNMzYgMzh2NE01MCAzOHY0TTY0IDM4djRNNzggMzh2NE05MiAzOHY0Ii8+CiAgICA8cGF0aCBkPSJNMzYgODZ2NE01MCA4NnY0TTY0IDg2djRNNzggODZ2NE05MiA4NnY0Ii8+CiAgPC9nPgogIDwhLS0gYW5kIHRoZSBzaGVsbCBpbnNpZGUgaXQ6IGEgcHJvbXB0IC0tPgogIDxwYXRoIGQ9Ik0zOCA1MmwxMyAxMi0xMyAxMiIgZmlsbD0ibm9uZSIgc3Ryb2tlPSIjRkZGRkZGIiBzdHJva2Utd2lkdGg9IjciIHN0cm9rZS1saW5lY2FwPSJyb3VuZCIgc3Ryb2tlLWxpbmVqb2luPSJyb3VuZCIvPgogIDxwYXRoIGQ9Ik02MCA3NmgyOCIgZmlsbD0ibm9uZSIgc3Ryb2tlPSIjN0VFMkI4IiBzdHJva2Utd2lkdGg9IjciIHN0cm9rZS1saW5lY2FwPSJyb3VuZCIvPgo8L3N2Zz4K"
ARG PUBLISHER_URL="data:text/plain;charset=utf-8,cdebug%20has%20no%20public%20web%20address%20yet.%20Its%20documentation%20ships%20with%20its%20source%3A%20README.md%20%28section%20%22Docker%20Desktop%22%29%20and%20docs%2FDOCKER_DESKTOP.md."
ARG SCREENSHOTS="[{\"alt\": \"No public address for the screenshots yet (docs/screenshot-light.png and docs/screenshot-dark.png in cdebug's source); this is its icon\", \"url\": \"${ICON_URL}\"}]"
ARG ADDITIONAL_URLS="[{\"title\": \"Documentation (README.md and docs/DOCKER_DESKTOP.md in the source; no public address yet)\", \"url\": \"${PUBLISHER_URL}\"}]"
ARG SOURCE_URL=
LABEL org.opencontainers.image.title="cdebug" \
      org.opencontainers.image.description="A shell with real debugging tools inside running containers that have none (scratch, distroless, slim), without restarting or changing them." \
      org.opencontainers.image.vendor="The cdebug authors" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      com.docker.desktop.extension.api.version=">= 0.3.4" \
      com.docker.desktop.extension.icon="${ICON_URL}" \
      com.docker.extension.screenshots="${SCREENSHOTS}" \
      com.docker.extension.publisher-url="${PUBLISHER_URL}" \
      com.docker.extension.additional-urls="${ADDITIONAL_URLS}" \
      com.docker.extension.detailed-description="<p><code>docker exec -it my-app sh</code> answers <em>no such file</em> when the container is built from scratch, distroless or a slim image. <b>cdebug</b> opens a shell there anyway, with real tools, without restarting or changing the container.</p><ul><li>Pick a running container and press <b>Debug</b>: a terminal opens inside it, in its filesystem, its processes and its network.</li><li>The tools come from a toolkit image that runs beside the container (busybox by default, any image you choose, nixery.dev images too); nothing is written into the container.</li><li>Works with containers that run as a non-root user, have a read-only root filesystem or dropped every capability.</li><li>Sessions survive leaving the tab; closing a session removes its helper container.</li></ul><p>The same engine ships as a CLI, <code>cdebug exec</code>, and a standalone web UI.</p>" \
      com.docker.extension.changelog="<p>First release of the extension:</p><ul><li>running containers with a Debug button, a toolkit picker and terminal tabs</li><li>shells in scratch and distroless containers, non-root, read-only and capability-less ones included</li><li>sessions that outlive the tab, with their screen restored on return</li></ul>" \
      com.docker.extension.categories="utility-tools"

# The image root is what metadata.json describes: the compose file, the icon and the UI.
COPY metadata.json docker-compose.yaml /
COPY docker/cdebug.svg /cdebug.svg
COPY --from=build /src/ui/dist /ui
COPY --from=build /out/backend /opt/cdebug/backend

# The backend serves this same UI on its TCP port too (a standalone page in a browser).
ENV CDEBUG_UI_DIR=/ui \
    NODE_ENV=production \
    CDEBUG_AUDIT_LOG=/var/lib/cdebug/audit.log

# The audit trail: a volume, so that it survives the container (docker-compose.yaml names it, so
# that it survives updates of the extension too).
VOLUME ["/var/lib/cdebug"]

# root, on purpose. The service needs two things that Docker Desktop gives root: the engine
# socket (Desktop's VM mounts /var/run/docker.sock.raw, root-owned, with no documented group a
# fixed uid could join) and /run/guest-services, the root-owned directory where the service
# creates its socket for Desktop. An unprivileged uid would not contain anything either: whoever
# can use the engine socket is in effect root on the VM (it can start privileged containers).
# The service's own socket is created with mode 0600.
USER root

ENTRYPOINT ["node", "/opt/cdebug/backend/dist/bundle/cdebug.mjs"]
# docker-compose.yaml gives Desktop's command and environment; this default is the command.
CMD ["serve", "--socket", "/run/guest-services/cdebug.sock", "--origin-policy", "token-only"]
