CREATE TABLE IF NOT EXISTS ops.runs (
    run_id VARCHAR NOT NULL PRIMARY KEY,
    flow_run_id VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    event_id VARCHAR,
    profile_version VARCHAR,
    sources_file VARCHAR,
    event_file VARCHAR,
    counts JSON,
    message VARCHAR,
    duration_seconds DOUBLE
);
ALTER TABLE ops.runs ADD COLUMN IF NOT EXISTS duration_seconds DOUBLE;
COMMENT ON TABLE ops.runs IS 'One row per pipeline run: when, on what, and how it ended.';
COMMENT ON COLUMN ops.runs.run_id IS 'Run id (UTC timestamp plus random suffix).';
COMMENT ON COLUMN ops.runs.flow_run_id IS 'Prefect flow run id, to find the run in the Prefect UI.';
COMMENT ON COLUMN ops.runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN ops.runs.finished_at IS 'End (UTC); NULL while running or if the process died.';
COMMENT ON COLUMN ops.runs.status IS 'running, published (new marts published), unchanged (nothing new: marts kept), blocked (quality gate failed: marts kept), failed (error: marts kept) or interrupted (the process died; closed by the next run).';
COMMENT ON COLUMN ops.runs.event_id IS 'Event profile id.';
COMMENT ON COLUMN ops.runs.profile_version IS 'Event profile version (hash of the file).';
COMMENT ON COLUMN ops.runs.sources_file IS 'sources.toml used.';
COMMENT ON COLUMN ops.runs.event_file IS 'event.toml used.';
COMMENT ON COLUMN ops.runs.counts IS 'JSON: items per outcome, and rows published per mart.';
COMMENT ON COLUMN ops.runs.message IS 'Summary or error message.';
COMMENT ON COLUMN ops.runs.duration_seconds IS 'Wall-clock seconds from start to end of the run.';

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
COMMENT ON COLUMN ops.item_outcomes.outcome IS 'published, unchanged (seen before, already processed), duplicate (same text or URL as another item), off_topic, rejected (unreadable, empty, binary, bad encoding, too large, no text), quarantined (failed the quality gate), held (valid, but the run was blocked; retried next run); for web items also not_an_article, blocked_robots, blocked_address, too_large, http_error and fetch_error (timeouts, truncation, redirects, TLS).';
COMMENT ON COLUMN ops.item_outcomes.detail IS 'Why: the reason for a rejection or quarantine, the item duplicated, and so on.';
COMMENT ON COLUMN ops.item_outcomes.recorded_at IS 'When the outcome was recorded (UTC).';

CREATE TABLE IF NOT EXISTS ops.publications (
    run_id VARCHAR NOT NULL PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    published_at TIMESTAMP NOT NULL,
    row_counts JSON NOT NULL
);
COMMENT ON TABLE ops.publications IS 'Each successful publish of the marts: a fingerprint of the staging state it was built from, so an unchanged state is not published twice.';
COMMENT ON COLUMN ops.publications.run_id IS 'Run that published.';
COMMENT ON COLUMN ops.publications.fingerprint IS 'Hash of the article ids, profile version and model versions the marts were built from.';
COMMENT ON COLUMN ops.publications.published_at IS 'When the publish transaction committed (UTC).';
COMMENT ON COLUMN ops.publications.row_counts IS 'JSON: rows per published mart.';
