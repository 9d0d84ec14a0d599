# pushback: one binary, one test command.
GO      ?= go
FUZZTIME ?= 5s

.PHONY: all build test tidy-check vet staticcheck unit unit-race unit-plain unit-serial unit-timing fuzz fuzz-long bench run eval clean train

all: build

build:
	$(GO) build -o bin/pushback ./cmd/pushback

# make test: everything CI runs: go.mod and go.sum tidy, vet, staticcheck,
# the tests (race-enabled where the code is concurrent; unit, MCP
# in-process, end-to-end, the GitHub Action's script, the MCP conformance
# suite and the studio's browser tests when their tools are there), a short
# fuzz of every target, and the offline eval suites. Without npm the parts
# that need it are skipped with a notice; CI (CI=true, .ci/run) installs the
# tools and requires them.
test: node-tools-if-missing browser-tools-if-missing tidy-check vet staticcheck unit fuzz eval

# tidy-check fails when go.mod or go.sum is not what `go mod tidy` makes.
tidy-check:
	$(GO) mod tidy -diff

vet:
	$(GO) vet ./...

# staticcheck, pinned: go run builds it once into the Go cache; it adds
# nothing to go.mod.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
staticcheck:
	$(GO) run $(STATICCHECK) ./...

# The race detector slows code several-fold; it runs on the packages whose
# code runs concurrently (the checker's shared state, the batch and eval
# worker pools, the rewrite's deadlines and retries, the MCP server's and
# the studio's sessions), and the rest (the command line, which calls those
# packages in one goroutine, and the end-to-end tests, whose servers are
# separate binaries) runs without. Timing bounds hold only without the race
# detector (under it they are only logged), and the checker's corpus-wide
# tests and the judge's retraining are single-goroutine and CPU-bound
# (TestIndexedMatchAgrees took 244 s under -race, 20 s without): unit-serial
# runs those once without it.
RACE_PKGS := ./internal/check/... ./internal/batch/... ./internal/eval/... ./internal/rewrite/... ./internal/server/... ./internal/studio/...
CHECK_SERIAL := TestCutModelFresh|TestIndexedMatchAgrees|TestSituationPrefilterAgrees|TestModelFresh|TestRetrainIdentical|TestStockSpansAgree|TestStockWrapKeepsFails|TestStockStripKeepsPasses|TestRespellKeepsVerdicts
# The three runs go at once: each waits at times (servers starting, Node,
# the browser, timers) that the others fill. The cost bounds run after, on
# their own: CPU time too grows when the race detector's runs crowd the
# caches of the same two cores (TestWorstCaseCost measured a rewrite at
# 219 ms in CI beside them, 130 ms alone).
unit:
	@$(MAKE) --no-print-directory -j3 unit-race unit-plain unit-serial
	@$(MAKE) --no-print-directory unit-timing

unit-race:
	$(GO) test -race -count=1 -skip '$(CHECK_SERIAL)' $(RACE_PKGS)

unit-plain:
	$(GO) test -count=1 $$($(GO) list ./... | grep -v -E '/internal/(check|batch|eval|rewrite|server|studio)(/|$$)')

unit-serial:
	$(GO) test -count=1 -run '$(CHECK_SERIAL)' ./internal/check/...
	$(GO) test -count=1 -run 'TestCutModelFresh' ./internal/rewrite

unit-timing:
	$(GO) test -count=1 -run 'TestWorstCaseCost' ./internal/server
	$(GO) test -count=1 -run 'TestInputStagesAreLinear|TestCancelStopsWithin100ms' ./internal/rewrite
	$(GO) test -count=1 -run 'TestStudioBudget' ./internal/studio

# Each fuzz target runs on its own for $(FUZZTIME), $(FUZZJOBS) at a time
# (`make fuzz-long` runs them longer); its output is printed when it ends.
# Go 1.26's fuzzing coordinator can fail a run at the -fuzztime deadline
# with a bare "context deadline exceeded" when its workers are starved of
# CPU (golang/go#75804, fixed in Go 1.27): such a run, with no failing input
# written and no panic, is reported and not counted as a failure; any other
# failure is.
FUZZJOBS ?= 2
FUZZ_TARGETS := $(shell grep -rH --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]*' internal | sed 's|/[^/]*_test.go:func |/|')
fuzz:
	@$(MAKE) --no-print-directory -j$(FUZZJOBS) $(addprefix fuzz/,$(FUZZ_TARGETS))

fuzz/%:
	@t=$(notdir $*); dir=$(patsubst %/,%,$(dir $*)); \
	out=$$($(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) ./$$dir 2>&1); code=$$?; \
	echo "fuzz $$t ($$dir, $(FUZZTIME))"; \
	if [ $$code -eq 0 ]; then echo "$$out"; \
	elif echo "$$out" | grep -q 'context deadline exceeded' && ! echo "$$out" | grep -q -e 'Failing input written' -e '^panic:' -e '--- FAIL: .*/'; then \
	  echo "$$out" | sed 's/^/  | /'; \
	  echo "ok  fuzz $$t: stopped by Go's -fuzztime deadline race (golang/go#75804), not a finding: no failing input was written"; \
	else echo "$$out"; exit 1; fi

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
# embedded model and the cross-validation report; then fit the trim's cut
# model on the readers' marks (evals/checker/jabs*/). Deterministic: the
# same corpus gives byte-identical weights; tests fail when they are stale.
train:
	$(GO) run ./internal/check/model/train -corpus evals/checker -out internal/check/model/judge.model -report evals/checker/cv.md
	$(GO) run ./internal/cut/train -corpus evals/checker -out internal/cut/cut.model

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

# Installs them when node_modules is missing or older than the lock file
# and npm is there. Without npm: a one-line notice outside CI (the
# conformance tests then skip), an error in CI (CI set), which needs them.
node-tools-if-missing:
	@if [ -d $(E2E_NODE)/node_modules ] && [ ! $(E2E_NODE)/package-lock.json -nt $(E2E_NODE)/node_modules ]; then \
	  echo "node tools: up to date ($(E2E_NODE)/node_modules)"; \
	elif command -v $(NPM) >/dev/null 2>&1; then $(MAKE) node-tools; \
	elif [ "$$CI" = true ] || [ "$$CI" = 1 ]; then echo "node tools: npm is required in CI for the MCP conformance suite" >&2; exit 1; \
	else echo "node tools: npm not found, so the MCP conformance suite is skipped (CI runs it)"; fi

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

# Like node-tools-if-missing: without npm, a notice outside CI (the browser
# tests then skip), an error in CI.
browser-tools-if-missing:
	@if [ -d $(STUDIO_NODE)/node_modules ] && [ ! $(STUDIO_NODE)/package-lock.json -nt $(STUDIO_NODE)/node_modules ]; then \
	  echo "browser tools: up to date ($(STUDIO_NODE)/node_modules)"; \
	elif command -v $(NPM) >/dev/null 2>&1; then $(MAKE) browser-tools; \
	elif [ "$$CI" = true ] || [ "$$CI" = 1 ]; then echo "browser tools: npm is required in CI for the studio's browser tests" >&2; exit 1; \
	else echo "browser tools: npm not found, so the studio's browser tests skip (CI runs them)"; fi

# studio: the studio's tests, browser included, with their screenshots
# (in $$PUSHBACK_SCREENSHOTS, or the temporary directory; -update writes the
# README's into internal/studio/testdata/screenshots).
studio:
	$(GO) test -count=1 -v ./internal/studio/...
