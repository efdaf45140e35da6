# weir — developer entry points. `make test` is the one command that passes
# all tests on a fresh machine (CI runs it through .ci/run).
GO        ?= go
FUZZTIME  ?= 5s

.PHONY: test check unit fuzz build demo
test: check unit fuzz

build:
	$(GO) build -o bin/weir ./cmd/weir

# Formatting and static checks.
check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

unit:
	$(GO) test -race -count=1 ./...

# Every fuzz target runs for FUZZTIME on top of its checked-in seed corpus.
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

# The main job on embedded defaults: an in-process Kafka broker, a sample
# workload through the streaming pipeline, a summary; ends on its own.
demo:
	$(GO) run ./cmd/weir demo
