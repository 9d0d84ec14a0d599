# pushback: one binary, one test command.
GO      ?= go
FUZZTIME ?= 5s

.PHONY: all build test vet unit fuzz fuzz-long bench run eval clean train

all: build

build:
	$(GO) build -o bin/pushback ./cmd/pushback

# make test: everything CI runs: the pinned npm tools (installed when missing),
# vet, race-enabled tests (unit, MCP in-process, end-to-end, conformance), a
# short fuzz of every target, and the offline eval suites.
test: node-tools-if-missing browser-tools-if-missing vet unit fuzz eval

vet:
	$(GO) vet ./...

# Timing bounds hold only without the race detector's slowdown (under -race
# they are only logged), so unit also runs those tests once without it, and
# the judge's corpus-wide tests (under -race they check a sample) and its
# retraining, which proves the embedded weights are what make train writes.
unit:
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'TestConcurrencyWallTime' ./internal/eval
	$(GO) test -count=1 -run 'TestWorstCaseCost' ./internal/server
	$(GO) test -count=1 -run 'TestInputStagesAreLinear|TestCancelStopsWithin100ms' ./internal/rewrite
	$(GO) test -count=1 -run 'TestRetrainIdentical|TestModelFresh|TestStockSpansAgree|TestStockWrapKeepsFails|TestStockStripKeepsPasses|TestRespellKeepsVerdicts|TestIndexedMatchAgrees' ./internal/check
	$(GO) test -count=1 -run 'TestStudioBudget' ./internal/studio

# Each fuzz target runs on its own for $(FUZZTIME); `make fuzz-long` runs them longer.
fuzz:
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' internal); do \
	  dir=$$(dirname $$f); \
	  for t in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$f | sed 's/^func //'); do \
	    echo "fuzz $$t ($$dir, $(FUZZTIME))"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) ./$$dir || exit 1; \
	  done; \
	done

fuzz-long:
	$(MAKE) fuzz FUZZTIME=5m

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# make run: the MCP server over stdio on its offline default.
run:
	$(GO) run ./cmd/pushback serve

# make eval: the offline suites (checker, and rewrite with the rules engine);
# EVALFLAGS adds flags, e.g. EVALFLAGS='--format junit'.
eval:
	$(GO) build -o bin/pushback ./cmd/pushback
	./bin/pushback eval $(EVALFLAGS)

clean:
	rm -rf bin

# make train: fit the checker's learned judge on evals/checker/train/*.jsonl
# (writer-held-out cross-validation, calibration, final fit) and write the
# embedded model and the cross-validation report. Deterministic: the same
# corpus gives byte-identical weights; a test fails when they are stale.
train:
	$(GO) run ./internal/check/model/train -corpus evals/checker -out internal/check/model/judge.model -report evals/checker/cv.md

# --- End-to-end MCP tests, the official conformance suite, measurements ---
# internal/e2e runs inside `make test` (it is part of ./...). The conformance
# tests there skip locally without node_modules and fail in CI (CI=true).
NPM      ?= npm
E2E_NODE := internal/e2e/conformance

.PHONY: node-tools node-tools-if-missing e2e conformance measure soak

# node-tools: the pinned Node 22, @modelcontextprotocol/conformance and the
# TypeScript reference server (server-everything) into $(E2E_NODE)/node_modules.
node-tools:
	$(NPM) ci --prefix $(E2E_NODE) --no-audit --no-fund

# Installs them only when node_modules is missing or older than the lock file.
node-tools-if-missing:
	@if [ ! -d $(E2E_NODE)/node_modules ] || [ $(E2E_NODE)/package-lock.json -nt $(E2E_NODE)/node_modules ]; then \
	  $(MAKE) node-tools; else echo "node tools: up to date ($(E2E_NODE)/node_modules)"; fi

# e2e: real MCP clients over stdio and HTTP plus the conformance suite.
e2e:
	$(GO) test -race -count=1 -v ./internal/e2e/...

conformance:
	$(GO) test -count=1 -v -run 'Conformance' ./internal/e2e/

# measure: cold start, tools/call rate and latency, memory: pushback vs a
# minimal mcp-go server vs the TypeScript reference server (Markdown table).
MEASUREFLAGS ?=
measure:
	$(GO) run ./internal/e2e/cmd/measure $(MEASUREFLAGS)

# soak: internal/e2e's TestSoak, longer than in make test (20 s, 2,000
# abandoned sessions): mixed HTTP and stdio load of every tool with abuse
# alongside (abandoned sessions, forged ids, cancellations, oversized and
# malformed input, a model endpoint that rate limits, hangs and answers
# garbage), all on 127.0.0.1; then TestSessionFlood: 20,000 sessions opened
# at once and abandoned, RSS after the TTL against idle.
# SOAKFLAGS=-soak.duration=1h for longer.
SOAKFLAGS ?= -soak.duration=10m -soak.sessions=20000 -flood.sessions=20000
soak:
	$(GO) test -count=1 -timeout 2h -run 'TestSoak$$|TestSessionFlood$$' -v ./internal/e2e $(SOAKFLAGS)

# --- The studio's browser tests ---
# internal/studio drives headless Chromium (the Debian package: apt-get
# install chromium; .ci/run installs it) through chromedp, and injects
# axe-core, pinned in $(STUDIO_NODE)/package-lock.json. The tests skip
# locally without Chromium (or axe-core) and fail in CI (CI=true).
STUDIO_NODE := internal/studio/testdata/node

.PHONY: browser-tools browser-tools-if-missing studio

browser-tools:
	$(NPM) ci --prefix $(STUDIO_NODE) --no-audit --no-fund

browser-tools-if-missing:
	@if [ ! -d $(STUDIO_NODE)/node_modules ] || [ $(STUDIO_NODE)/package-lock.json -nt $(STUDIO_NODE)/node_modules ]; then \
	  $(MAKE) browser-tools; else echo "browser tools: up to date ($(STUDIO_NODE)/node_modules)"; fi

# studio: the studio's tests, browser included, with their screenshots
# (in $$PUSHBACK_SCREENSHOTS, or the temporary directory; -update writes the
# README's into internal/studio/testdata/screenshots).
studio:
	$(GO) test -count=1 -v ./internal/studio/...
