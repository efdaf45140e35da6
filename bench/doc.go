// Package bench holds weir's benchmarks and load harnesses: the Go
// benchmarks of the classifier engine (classify_bench_test.go), the corpus
// generator (gen, internal/corpus), the measurement driver (cmd/scanbench),
// the gitleaks accuracy adapter (cmd/gitleaksprep) and bench/run, which ties
// them together. See README.md.
package bench
