//go:build re2_cgo

package main

// build names the regexp backend this binary was built with.
const build = "cgo"
