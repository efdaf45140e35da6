package main

import (
	"io"
	"log/slog"
	"runtime"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func cores() int { return runtime.GOMAXPROCS(0) }
