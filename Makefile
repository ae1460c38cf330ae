# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/saas-api
DASH  := dashboard
NPM   := $(shell command -v npm 2>/dev/null)

.PHONY: run build test test-race generate check-generated lint bench acceptance e2e fuzz dashboard dashboard-test clean

## run: build and serve the API (:8004) and dashboard (:3002) on the embedded PostgreSQL in .data/
run: build dashboard
	./$(BIN) serve

build:
	$(GO) build -o $(BIN) ./cmd/saas-api

## test: every Go test against a throwaway PostgreSQL (or $DATABASE_URL)
test:
	$(GO) test ./... -count=1

test-race:
	$(GO) test ./... -count=1 -race

## generate: server stubs, Go client, sqlc code and the dashboard's TypeScript types
generate:
	$(GO) generate ./api
	@if [ -n "$(NPM)" ] && [ -d $(DASH)/node_modules ]; then cd $(DASH) && npm run --silent generate; \
	else echo "generate: skipping dashboard/src/api/schema.d.ts (run npm ci in dashboard/)"; fi

## check-generated: fail when regenerating changes a committed file
check-generated: generate
	@out=$$(git status --porcelain -- gen $(DASH)/src/api); [ -z "$$out" ] || \
		{ echo "$$out"; echo "generated code is stale: run make generate and commit"; exit 1; }

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^gen/')); [ -z "$$out" ] || { echo "gofmt: $$out"; exit 1; }
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

## bench: benchmarks with figures (never timed assertions in tests)
bench:
	$(GO) test ./... -run '^$$' -bench . -benchmem -count=1

## acceptance: the seed report's twelve scenarios against the real binary
acceptance: build
	$(GO) run ./cmd/seed-replay -binary ./$(BIN)

## fuzz: run each fuzz target for a while (seed corpora also run in make test)
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./internal/auth -run '^$$' -fuzz FuzzVerify -fuzztime $(FUZZTIME)
	$(GO) test ./internal/httpapi -run '^$$' -fuzz FuzzBearerHeader -fuzztime $(FUZZTIME)
	$(GO) test ./internal/httpapi -run '^$$' -fuzz FuzzLoginBody -fuzztime $(FUZZTIME)
	$(GO) test ./internal/httpapi -run '^$$' -fuzz FuzzCreateUserBody -fuzztime $(FUZZTIME)

## dashboard: build dashboard/dist when Node.js is installed (make run serves it)
dashboard:
ifeq ($(NPM),)
	@echo "dashboard: Node.js/npm not found; the API runs, and :3002 explains how to build the dashboard"
else
	@$(MAKE) --no-print-directory $(DASH)/dist/index.html
endif

$(DASH)/node_modules/.package-lock.json: $(DASH)/package-lock.json
	cd $(DASH) && npm ci --no-audit --no-fund

$(DASH)/dist/index.html: $(DASH)/node_modules/.package-lock.json $(DASH)/index.html $(DASH)/vite.config.ts $(shell find $(DASH)/src -type f 2>/dev/null)
	cd $(DASH) && npm run build

dashboard-test: $(DASH)/node_modules/.package-lock.json
	cd $(DASH) && npm test

## e2e: the dashboard in headless Chromium against the real binary on a fresh database
e2e: build dashboard
	$(GO) run ./cmd/e2e-runner -binary ./$(BIN)

clean:
	rm -rf bin $(DASH)/dist
