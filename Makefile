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

# The end-to-end test needs the real prometheus and promtool on PATH
# (apt-get install prometheus); with MINUTES_EXPORTER_E2E set it fails
# without them rather than skip.
e2e:
	MINUTES_EXPORTER_E2E=1 $(GO) test -count=1 -run 'E2E|Promtool' ./dashboards/ ./collector/backfill/

build:
	$(GO) build -o minutes_exporter ./cmd/minutes_exporter
