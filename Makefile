# minutes_exporter: common tasks. `make test` is what CI runs.
GO ?= go

.PHONY: test lint unit bench e2e build

test: lint unit e2e

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

unit:
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The end-to-end tests need the real prometheus and promtool on PATH
# (apt-get install prometheus), and chromium for the browser test
# (apt-get install chromium); with MINUTES_EXPORTER_E2E set they fail
# without them rather than skip. MINUTES_EXPORTER_ARTIFACTS names a folder
# for the browser test's screenshot.
e2e:
	MINUTES_EXPORTER_E2E=1 $(GO) test -count=1 -run 'E2E|Promtool' ./dashboards/ ./collector/backfill/

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
