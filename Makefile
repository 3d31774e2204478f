# Wohnbrücke – common tasks. `make test` is the README's test command.
GO        ?= go
BIN       ?= bin/wohnbruecke
STATICCHECK_VERSION ?= v0.8.2

.PHONY: run build test test-browser test-race test-postgres bench bench-engine lint fmt staticcheck

run: ## run the portal on SQLite with demo data
	$(GO) run ./cmd/wohnbruecke serve --demo

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

build: ## static binary, its version from git describe (wohnbruecke version)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags="-s -w -X wohnbruecke/internal/version.stamped=$(VERSION)" -o $(BIN) ./cmd/wohnbruecke

test: ## all tests; PostgreSQL tests run when TEST_DATABASE_URL is set
	$(GO) test -count=1 ./...

test-browser: ## browser tests only (Chromium + axe-core; see README)
	npm ci --prefix tools/axe --no-audit --no-fund --loglevel=error
	REQUIRE_BROWSER=1 $(GO) test -count=1 -run 'TestBrowser' ./...

test-race:
	CGO_ENABLED=1 $(GO) test -race -count=1 ./...

test-postgres: ## all tests against a throwaway PostgreSQL cluster (PostgreSQL installed, not running)
	scripts/test-postgres.sh

bench: ## benchmarks of the hot paths
	$(GO) test -run '^$$' -bench . -benchmem ./matching/

bench-engine: ## engine against its floor and LEMON, ratios from one run (issue 16; docs/design.md §4.5)
	scripts/bench-engine.sh

lint: fmt staticcheck
	$(GO) vet ./...

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

staticcheck:
	@command -v staticcheck >/dev/null 2>&1 || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	PATH="$$PATH:$$($(GO) env GOPATH)/bin" staticcheck ./...
