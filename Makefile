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
