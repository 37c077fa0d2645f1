# cdebug — `make` lists the targets. The two a newcomer needs: `make run` and `make test`.
IMAGE ?= cdebug/cdebug-extension
TAG   ?= latest

.DEFAULT_GOAL := help
.PHONY: help setup build run test bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# npm ci writes this file: its date says whether the lock changed since the last install.
INSTALLED := node_modules/.package-lock.json

$(INSTALLED): package-lock.json
	npm ci

setup: $(INSTALLED) ## Install the npm dependencies and build the CLI (npx cdebug works afterwards)

build: $(INSTALLED) ## Build the backend and the UI
	npm run build

run: $(INSTALLED) ## Serve the web UI on 127.0.0.1 against the local engine (starts one when it can)
	npm start

test: $(INSTALLED) ## Run every test suite against a real engine (brings one up when it can)
	npm test

bench: $(INSTALLED) ## Measure cdebug against docker's own tools, side by side
	npm run bench

clean: ## Remove build output and test reports
	rm -rf backend/dist ui/dist reports backend/tsconfig.tsbuildinfo

# --- Docker Desktop extension (docs/DOCKER_DESKTOP.md) -----------------------------------------
# The image is $(IMAGE):$(TAG). `docker extension` exists where Docker Desktop is installed.
# Base images and the public repository the labels link to can be given (scripts/build-extension.sh):
#   make build-extension NODE_IMAGE=... RUNTIME_IMAGE=... PROJECT_URL=https://github.com/OWNER/REPO
export NODE_IMAGE RUNTIME_IMAGE PROJECT_URL PROJECT_BRANCH
.PHONY: build-extension build-extension-multiarch install-extension update-extension validate-extension dev-up dev-reset

build-extension: ## Build the Docker Desktop extension image IMAGE:TAG (scripts/build-extension.sh)
	bash scripts/build-extension.sh $(IMAGE):$(TAG)

# Docker Desktop on Apple silicon needs linux/arm64. The build stage runs once on the build
# platform (its output is plain JavaScript); only the final stage, which runs nothing, is per
# platform. A multi-platform image cannot be loaded into the classic image store: by default it
# is pushed (IMAGE must name a registry you can push to); BUILDX_OUTPUT=--output type=oci,dest=FILE
# writes it to a file instead.
PLATFORMS ?= linux/amd64,linux/arm64
BUILDX_OUTPUT ?= --push
build-extension-multiarch: ## Build the extension image for amd64 and arm64 with docker buildx (pushes IMAGE:TAG)
	docker buildx build --platform $(PLATFORMS) --build-arg VERSION=$$(node -p "require('./backend/package.json').version") $(BUILDX_OUTPUT) -t $(IMAGE):$(TAG) .

install-extension: build-extension ## Build, then install the extension into Docker Desktop
	docker extension install --force $(IMAGE):$(TAG)

update-extension: build-extension ## Build, then update the installed extension in place (sessions end)
	docker extension update --force $(IMAGE):$(TAG)

validate-extension: build-extension $(INSTALLED) ## Check the image: docker extension validate where it exists, and the project's own checks
	@if docker extension version >/dev/null 2>&1; then \
	  docker extension validate $(IMAGE):$(TAG); \
	else \
	  echo "docker extension: not installed here (it comes with Docker Desktop); running the project's checks only"; \
	fi
	node docker/check-image.mjs $(IMAGE):$(TAG)

dev-up: $(INSTALLED) ## Extension dev mode: the UI from Vite's dev server (run `npm run dev -w ui`), DevTools open
	bash scripts/build-extension.sh $(IMAGE):$(TAG)
	docker extension update --force $(IMAGE):$(TAG) 2>/dev/null || docker extension install --force $(IMAGE):$(TAG)
	docker extension dev ui-source $(IMAGE):$(TAG) http://localhost:5173
	docker extension dev debug $(IMAGE):$(TAG)
	@echo "Dev mode on. In another terminal: npm run dev -w ui  (Vite must answer on http://localhost:5173)."
	@echo "Back to the released UI: make dev-reset"

dev-reset: ## Leave dev mode: the UI from the image again, no DevTools, the release image reinstalled
	docker extension dev reset $(IMAGE):$(TAG)
	$(MAKE) update-extension
