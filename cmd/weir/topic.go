package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/weir-dev/weir/sources/kafka"
)

// tailRecord is one line of weir topic tail.
type tailRecord struct {
	Topic     string            `json:"topic"`
	Partition int32             `json:"partition"`
	Offset    int64             `json:"offset"`
	Key       string            `json:"key,omitempty"`
	Headers   map[string]string `json:"headers,omitempty"`
	Value     json.RawMessage   `json:"value"`
}

func runTopic(args []string, io stdio, getenv getenvFunc) int {
	if len(args) == 0 || args[0] != "tail" {
		fmt.Fprintln(io.err, "usage: weir topic tail [flags] TOPIC")
		return exitError
	}
	fs := newFlagSet("topic tail", io)
	brokers := fs.String("brokers", "", "Kafka bootstrap `host:port` list (TLS and SASL from $WEIR_KAFKA_*)")
	dataDir := fs.String("data-dir", "", "read from an embedded broker's data `directory` (e.g. .weir/demo) instead of --brokers")
	max := fs.Int("max", 0, "stop after `N` records (0: all)")
	follow := fs.Bool("follow", false, "wait for new records (until interrupted)")
	rc := fs.Bool("read-committed", true, "skip records of aborted transactions")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir topic tail (--brokers HOST:PORT | --data-dir DIR) [flags] TOPIC

Prints the records of TOPIC from the start as JSON lines: topic, partition,
offset, key, headers and value (JSON values inline, others as a string).
weir.quarantine and weir.dlq hold records as they arrived, sensitive values
included: treat that output accordingly.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args[1:]); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var conn kafka.Conn
	switch {
	case *dataDir != "" && *brokers != "":
		return fail(io, "topic", fmt.Errorf("--data-dir and --brokers exclude each other"))
	case *dataDir != "":
		if _, err := os.Stat(*dataDir); err != nil {
			return fail(io, "topic", fmt.Errorf("--data-dir: %w", err))
		}
		b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{DataDir: *dataDir})
		if err != nil {
			return fail(io, "topic", err)
		}
		defer b.Close()
		conn = kafka.Conn{Brokers: b.Addrs()}
	case *brokers != "":
		var err error
		if conn, err = kafka.ConnFromEnv(splitList(*brokers), getenv); err != nil {
			return fail(io, "topic", err)
		}
	default:
		return fail(io, "topic", fmt.Errorf("--brokers or --data-dir is required"))
	}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // keep <EMAIL_ADDRESS> placeholders readable
	err := kafka.ReadTopic(ctx, conn, fs.Arg(0), *rc, *follow, *max, func(r kafka.Record) error {
		tr := tailRecord{Topic: r.Topic, Partition: r.Partition, Offset: r.Offset, Key: string(r.Key)}
		if len(r.Headers) > 0 {
			tr.Headers = map[string]string{}
			for _, h := range r.Headers {
				tr.Headers[h.Key] = string(h.Value)
			}
		}
		if json.Valid(r.Value) && len(r.Value) > 0 {
			tr.Value = r.Value
		} else {
			tr.Value, _ = json.Marshal(string(r.Value))
		}
		err := enc.Encode(tr)
		if *follow {
			w.Flush()
		}
		return err
	})
	if err != nil && ctx.Err() == nil {
		return fail(io, "topic", err)
	}
	return exitOK
}
