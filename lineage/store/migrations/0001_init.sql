-- weir lineage store, schema version 1. One schema for SQLite and
-- PostgreSQL: portable types only (TEXT, BIGINT, DOUBLE PRECISION), natural
-- keys (no autoincrement), times as BIGINT Unix microseconds (UTC).
-- Statements end with ';' at the end of a line (the migrator splits there).

-- nodes: datasets (OpenLineage namespace + name) and jobs. A dataset's kind
-- says what weir knows it to be: dataset, model or collection (a vector-DB
-- collection). exposure applies to models: internal, external or ''.
CREATE TABLE IF NOT EXISTS nodes (
    class      TEXT NOT NULL,
    namespace  TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    exposure   TEXT NOT NULL DEFAULT '',
    origin     TEXT NOT NULL DEFAULT '',
    first_seen BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    PRIMARY KEY (class, namespace, name)
);

CREATE INDEX IF NOT EXISTS nodes_kind ON nodes (kind);

-- tags on a node (OpenLineage TagsDatasetFacet, or set by hand); field is
-- '' for the whole dataset.
CREATE TABLE IF NOT EXISTS node_tags (
    class     TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name      TEXT NOT NULL,
    field     TEXT NOT NULL DEFAULT '',
    tag_key   TEXT NOT NULL,
    tag_value TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (class, namespace, name, field, tag_key)
);

-- edges: input (dataset -> job), output (job -> dataset/model/collection),
-- derived (dataset -> model/collection learned through a job, or declared by
-- hand). job_* names the job of the latest derived sighting.
CREATE TABLE IF NOT EXISTS edges (
    src_class     TEXT NOT NULL,
    src_namespace TEXT NOT NULL,
    src_name      TEXT NOT NULL,
    dst_class     TEXT NOT NULL,
    dst_namespace TEXT NOT NULL,
    dst_name      TEXT NOT NULL,
    rel           TEXT NOT NULL,
    origin        TEXT NOT NULL DEFAULT '',
    job_namespace TEXT NOT NULL DEFAULT '',
    job_name      TEXT NOT NULL DEFAULT '',
    run_id        TEXT NOT NULL DEFAULT '',
    first_seen    BIGINT NOT NULL,
    last_seen     BIGINT NOT NULL,
    PRIMARY KEY (src_class, src_namespace, src_name, dst_class, dst_namespace, dst_name, rel)
);

CREATE INDEX IF NOT EXISTS edges_dst ON edges (dst_class, dst_namespace, dst_name);

-- runs of jobs (OpenLineage run.runId).
CREATE TABLE IF NOT EXISTS runs (
    run_id        TEXT NOT NULL PRIMARY KEY,
    job_namespace TEXT NOT NULL,
    job_name      TEXT NOT NULL,
    state         TEXT NOT NULL,
    started_at    BIGINT NOT NULL DEFAULT 0,
    ended_at      BIGINT NOT NULL DEFAULT 0,
    last_event    BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS runs_job ON runs (job_namespace, job_name);

-- objects of a dataset (an S3 object version, a file).
CREATE TABLE IF NOT EXISTS objects (
    namespace  TEXT NOT NULL,
    name       TEXT NOT NULL,
    object_key TEXT NOT NULL,
    version    TEXT NOT NULL DEFAULT '',
    etag       TEXT NOT NULL DEFAULT '',
    size       BIGINT NOT NULL DEFAULT 0,
    first_seen BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    PRIMARY KEY (namespace, name, object_key, version)
);

-- fields (columns, JSON paths) of a dataset.
CREATE TABLE IF NOT EXISTS fields (
    namespace  TEXT NOT NULL,
    name       TEXT NOT NULL,
    field      TEXT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    PRIMARY KEY (namespace, name, field)
);

-- weir's observations: this dataset (field '' ) or field holds this entity
-- type, this many times, since first_seen. Never values or fingerprints.
CREATE TABLE IF NOT EXISTS observations (
    namespace      TEXT NOT NULL,
    name           TEXT NOT NULL,
    field          TEXT NOT NULL DEFAULT '',
    entity_type    TEXT NOT NULL,
    category       TEXT NOT NULL DEFAULT '',
    count          BIGINT NOT NULL,
    max_confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
    first_seen     BIGINT NOT NULL,
    last_seen      BIGINT NOT NULL,
    PRIMARY KEY (namespace, name, field, entity_type)
);
