-- weir lineage store, schema version 2: the action log.
--
-- Append-only and hash-chained: every decision and every state change of an
-- action (proposed, approved, rejected, applied, failed, restored, dry_run)
-- is a new row, never an update. seq numbers the rows 1, 2, 3, ... without
-- gaps; hash is the SHA-256 (hex) of prev_hash, a newline and the row's
-- canonical JSON (see store.ActionEntry.Canonical); the first row's
-- prev_hash is 64 zeros. Verify recomputes the chain, so a row changed,
-- inserted or removed by hand breaks it. findings holds entity types and
-- counts only, never values.
CREATE TABLE IF NOT EXISTS action_log (
    seq       BIGINT NOT NULL PRIMARY KEY,
    action_id TEXT NOT NULL,
    at        BIGINT NOT NULL,
    state     TEXT NOT NULL,
    action    TEXT NOT NULL,
    policy    TEXT NOT NULL DEFAULT '',
    actor     TEXT NOT NULL DEFAULT '',
    reason    TEXT NOT NULL DEFAULT '',
    subject   TEXT NOT NULL DEFAULT '',
    dataset   TEXT NOT NULL DEFAULT '',
    findings  TEXT NOT NULL DEFAULT '{}',
    detail    TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS action_log_action ON action_log (action_id, seq);
