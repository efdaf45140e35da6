package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/weir-dev/weir/sources/decode"
	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/s3"
)

func runTail(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("tail", io)
	brokers := fs.String("brokers", "", "Kafka bootstrap `HOST:PORT,...` (TLS/SASL from WEIR_KAFKA_* env)")
	topic := fs.String("topic", "weir.ingest", "ingest `TOPIC` the records are written to (weir envelopes)")
	dlq := fs.String("dlq", "weir.dlq", "`TOPIC` for objects that could not be read whole (with the reason)")
	checkpoint := fs.String("checkpoint", "", "durable checkpoint `FILE` (resume without re-reading unchanged objects)")
	notify := fs.Bool("notifications", false, "follow MinIO bucket notifications (ListenBucketNotification) as well as polling")
	poll := fs.Duration("poll", 30*time.Second, "ListObjectsV2 polling interval")
	once := fs.Bool("once", false, "poll once and exit (a batch catch-up)")
	partitions := fs.Int("partitions", 4, "partitions of --topic and --dlq when weir creates them")
	var lim decode.Limits
	fs.Int64Var(&lim.MaxObjectBytes, "max-object-bytes", 0, "larger objects go to the DLQ (0: default 64 GiB)")
	fs.Int64Var(&lim.MaxRatio, "max-ratio", 0, "decompression ratio beyond which an object is a bomb (0: default 200)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir tail --brokers HOST:PORT [flags] s3://BUCKET/PREFIX...

Watches bucket/prefix pairs for new, overwritten and deleted objects and
writes every record of each new object version to --topic as a weir
envelope (dataset, bucket, key, version id, etag, line/row/column), so
'weir run' classifies them. Objects it cannot read whole (corrupt, a
decompression bomb, over a limit) go to --dlq with the reason. S3 endpoint
and credentials come from WEIR_S3_ENDPOINT, AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY (or the shared credentials file).`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return fail(io, "tail", errNoTargets)
	}
	if *brokers == "" {
		return fail(io, "tail", fmt.Errorf("--brokers is required"))
	}
	var targets []s3.Target
	for _, a := range fs.Args() {
		b, p, err := s3.ParseURL(a)
		if err != nil {
			return fail(io, "tail", err)
		}
		targets = append(targets, s3.Target{Bucket: b, Prefix: p, Dataset: a})
	}
	cfg, err := s3.ConfigFromEnv(getenv)
	if err != nil {
		return fail(io, "tail", err)
	}
	client, err := s3.NewClient(cfg)
	if err != nil {
		return fail(io, "tail", err)
	}
	conn, err := kafka.ConnFromEnv(splitList(*brokers), getenv)
	if err != nil {
		return fail(io, "tail", err)
	}
	cctx, ccancel := context.WithTimeout(context.Background(), 30*time.Second)
	err = kafka.CreateTopics(cctx, conn, int32(*partitions), *topic, *dlq)
	ccancel()
	if err != nil {
		return fail(io, "tail", err)
	}
	prod, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		return fail(io, "tail", err)
	}
	defer prod.Close()
	ck, err := s3.OpenCheckpoint(*checkpoint)
	if err != nil {
		return fail(io, "tail", err)
	}
	log := slog.New(slog.NewTextHandler(io.err, nil))
	pub := &kafkaPublisher{p: prod, topic: *topic, dlq: *dlq}
	tl, err := s3.NewTailer(client, pub, s3.TailerConfig{Targets: targets, Checkpoint: ck, PollInterval: *poll,
		Notifications: *notify, Limits: lim, Logf: func(f string, a ...any) { log.Warn(fmt.Sprintf(f, a...)) }})
	if err != nil {
		return fail(io, "tail", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *once {
		err = tl.Poll(ctx)
	} else {
		err = tl.Run(ctx)
		if err == context.Canceled {
			err = nil
		}
	}
	log.Info("weir tail stopped", "objects", pub.objects, "records", pub.records, "dlq", pub.failed, "deleted", pub.deleted)
	if err != nil {
		return fail(io, "tail", err)
	}
	return exitOK
}
