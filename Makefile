# minutes_exporter: common tasks. `make test` is what CI runs.
GO ?= go

.PHONY: test lint unit bench e2e build

test: lint unit

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

unit:
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

build:
	$(GO) build -o minutes_exporter ./cmd/minutes_exporter
