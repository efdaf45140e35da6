# weir — developer entry points. `make test` is the one command that passes
# all tests on a fresh machine (CI runs it through .ci/run).
GO        ?= go
FUZZTIME  ?= 5s

.PHONY: test check unit fuzz build demo test-s3 helm
test: check unit fuzz

build:
	$(GO) build -o bin/weir ./cmd/weir

# Formatting and static checks.
check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# The S3 tests need a real MinIO: scripts/minio.sh builds a pinned server
# once (about 3 minutes; cached under ~/.cache/weir), starts it on a random
# 127.0.0.1 port and exports WEIR_S3_ENDPOINT and the credentials. The Helm
# chart tests need helm: scripts/helm.sh builds a pinned Helm from the Go
# module proxy once (about a minute, cached the same way), lints and renders
# the chart and exports WEIR_HELM. The lineage store and pgvector capture
# tests need PostgreSQL: scripts/postgres.sh uses Debian's server (installing
# the postgresql package when absent), initdb's a temporary cluster with
# wal_level=logical on a free 127.0.0.1 port and exports WEIR_PG_DSN. Without
# them (plain `go test ./...`) those tests skip and say how to run them.
unit:
	scripts/minio.sh run scripts/helm.sh run scripts/postgres.sh run $(GO) test -race -count=1 ./...

# Lint and render the Helm chart (default values and every role on).
helm:
	scripts/helm.sh check

# Only the S3 and dataset tests, against a fresh MinIO.
test-s3:
	scripts/minio.sh run $(GO) test -race -count=1 ./sources/... ./cmd/weir/...

# Every fuzz target runs for FUZZTIME on top of its checked-in seed corpus.
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

# The main job on embedded defaults: an in-process Kafka broker, a sample
# workload through the streaming pipeline, a summary; ends on its own.
demo:
	$(GO) run ./cmd/weir demo
