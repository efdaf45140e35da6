package main

import (
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func cores() int { return runtime.GOMAXPROCS(0) }

// newLogger returns a log/slog logger writing format ("text" or "json") at
// level and above to w.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level (log.level): %q is not one of debug, info, warn, error", level)
	}
	if w == nil {
		w = io.Discard
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format (log.format): %q is not one of text, json", format)
}
