# minutes_exporter: common tasks. `make test` is what CI runs.
GO ?= go

.PHONY: test lint unit bench instructions e2e build prometheus

test: lint unit e2e

# staticcheck runs at a pinned version, fetched through the module proxy
# like any module, so a fresh machine needs nothing installed for it.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@# The parser's bits are made in assembly on amd64 and in Go elsewhere,
	@# or under the purego tag: the Go is vetted on another platform too.
	$(GO) vet -tags purego ./parser
	GOARCH=arm64 $(GO) vet ./parser

# The collector's suite (kill tests, 10,000-document refreshes) takes
# several minutes under -race on two cores: go test's 10 minutes a
# package is too near.
unit:
	$(GO) test -race -count=1 -timeout 30m ./...
	$(GO) test -count=1 -tags purego ./parser

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The instructions and branch mispredictions of 301 parses of the seeds
# (the benchmark's first run of one, then 300), counted by valgrind's
# cachegrind (apt-get install valgrind), and the functions that spend
# them: the same from run to run where timings on a shared machine move by
# a tenth or more, to weigh a change to the parser before benchstat has
# the last word. The counts include the test binary's start (about 27
# million instructions) and the garbage collector's work, which varies a
# little from run to run.
INSTRUCTIONS := $(CURDIR)/.cache/instructions
instructions:
	@mkdir -p $(INSTRUCTIONS)
	$(GO) test -c -o $(INSTRUCTIONS)/parser.test ./parser
	cd parser && valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes \
	  --cachegrind-out-file=$(INSTRUCTIONS)/cachegrind.out $(INSTRUCTIONS)/parser.test \
	  -test.run '^$$' -test.bench 'BenchmarkParse$$' -test.cpu 1 -test.benchtime 300x
	cg_annotate --auto=no $(INSTRUCTIONS)/cachegrind.out | head -40

# The end-to-end tests run a real Prometheus server and promtool of the
# release docker-compose.yml ships (3.16.0), built by `make prometheus`
# from the github.com/prometheus/prometheus module at the version go.mod
# requires, and chromium for the browser test (apt-get install chromium
# fonts-dejavu-core); with MINUTES_EXPORTER_E2E set they fail without them
# rather than skip. MINUTES_EXPORTER_ARTIFACTS names a folder for the
# browser test's screenshot.
e2e: prometheus
	PATH="$(PROMETHEUS_BIN):$$PATH" MINUTES_EXPORTER_E2E=1 $(GO) test -count=1 -run 'E2E|Promtool' ./dashboards/ ./collector/backfill/

# Prometheus and promtool from source, through the Go module proxy like any
# module, into $(PROMETHEUS_BIN). The module's v0.3MM.P is release 3.MM.P.
# Service discovery is left out (-tags remove_all_sd): the test scrapes
# static targets. The first build takes several minutes; later ones are
# skipped until go.mod changes.
PROMETHEUS_MODULE := github.com/prometheus/prometheus
PROMETHEUS_BIN ?= $(CURDIR)/.cache/prometheus

prometheus: $(PROMETHEUS_BIN)/.built

$(PROMETHEUS_BIN)/.built: go.mod
	@v=$$($(GO) list -m -f '{{.Version}}' $(PROMETHEUS_MODULE)) && \
	  release=$$(echo "$$v" | sed -E 's/^v0\.([0-9])0*([0-9]+)\.([0-9]+)$$/\1.\2.\3/') && \
	  echo "building Prometheus $$release ($(PROMETHEUS_MODULE)@$$v) into $(PROMETHEUS_BIN)" && \
	  GOBIN="$(PROMETHEUS_BIN)" $(GO) install -tags remove_all_sd \
	    -ldflags "-X github.com/prometheus/common/version.Version=$$release" \
	    $(PROMETHEUS_MODULE)/cmd/prometheus@$$v $(PROMETHEUS_MODULE)/cmd/promtool@$$v
	@touch $@

# What --version, the landing page and minutesexporter_build_info show,
# from git; outside a checkout they stay empty and the binary falls back
# on what the go command stamped in it.
VERSION    ?= $(shell git describe --tags --always --dirty 2>/dev/null)
REVISION   ?= $(shell git rev-parse HEAD 2>/dev/null)
BRANCH     ?= $(shell git rev-parse --abbrev-ref HEAD 2>/dev/null)
BUILD_USER ?= $(shell id -un 2>/dev/null)@$(shell uname -n 2>/dev/null)
BUILD_DATE ?= $(shell date -u +%Y%m%d-%H:%M:%S)
BINARY     ?= minutes_exporter
version_pkg := github.com/prometheus/common/version
LDFLAGS := -X $(version_pkg).Version=$(VERSION) -X $(version_pkg).Revision=$(REVISION) \
	-X $(version_pkg).Branch=$(BRANCH) -X $(version_pkg).BuildUser=$(BUILD_USER) \
	-X $(version_pkg).BuildDate=$(BUILD_DATE)

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BINARY) ./cmd/minutes_exporter
