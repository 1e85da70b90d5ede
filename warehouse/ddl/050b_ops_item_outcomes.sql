CREATE TABLE IF NOT EXISTS ops.item_outcomes (
    run_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    item VARCHAR NOT NULL,
    raw_id VARCHAR,
    article_id VARCHAR,
    outcome VARCHAR NOT NULL,
    detail VARCHAR,
    recorded_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE ops.item_outcomes IS 'Accounting: every item a run discovered, with exactly one outcome. Counts per run add up to the items discovered.';
COMMENT ON COLUMN ops.item_outcomes.run_id IS 'Run (ops.runs.run_id).';
COMMENT ON COLUMN ops.item_outcomes.source_id IS 'Source id from sources.toml.';
COMMENT ON COLUMN ops.item_outcomes.item IS 'File path or URL; for JSON Lines, path#L<line>.';
COMMENT ON COLUMN ops.item_outcomes.raw_id IS 'Archived payload, when one was read.';
COMMENT ON COLUMN ops.item_outcomes.article_id IS 'Article id, when text was extracted.';
COMMENT ON COLUMN ops.item_outcomes.outcome IS 'published, staged (provisional: settled when the run ends), unchanged (seen before, already processed), duplicate (same text or URL as another item), off_topic, rejected (unreadable, empty, binary, bad encoding, too large, no text), quarantined (failed the quality gate), held (valid, but the run was blocked; retried next run); for feeds also feed_read and not_modified (answered 304); for web items also not_an_article, blocked_robots, blocked_address, too_large, http_error and fetch_error (timeouts, truncation, redirects, TLS).';
COMMENT ON COLUMN ops.item_outcomes.detail IS 'Why: the reason for a rejection or quarantine, the item duplicated, and so on.';
COMMENT ON COLUMN ops.item_outcomes.recorded_at IS 'When the outcome was recorded (UTC).';
