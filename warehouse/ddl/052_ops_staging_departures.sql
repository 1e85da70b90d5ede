CREATE TABLE IF NOT EXISTS ops.staging_departures (
    run_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    raw_id VARCHAR,
    reason VARCHAR NOT NULL,
    departed_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE ops.staging_departures IS 'Every valid article that left staging other than by quarantine, and why: its own source item changed, or staging was re-derived from the raw archive (reprocess, backfill). With dq.quarantine it accounts for every article a run staged that is no longer staged.';
COMMENT ON COLUMN ops.staging_departures.run_id IS 'Run that removed the article (ops.runs.run_id).';
COMMENT ON COLUMN ops.staging_departures.source_id IS 'Source whose item the article came from.';
COMMENT ON COLUMN ops.staging_departures.origin IS 'The item: file path (path#L<line> for JSON Lines) or URL.';
COMMENT ON COLUMN ops.staging_departures.article_id IS 'The article that left staging.';
COMMENT ON COLUMN ops.staging_departures.raw_id IS 'The archived payload the article had been extracted from.';
COMMENT ON COLUMN ops.staging_departures.reason IS 'Why it left: "source item changed (new payload ...)", "re-derived from its archived payload" or "reprocess: staging re-derived from the raw archive".';
COMMENT ON COLUMN ops.staging_departures.departed_at IS 'When it was removed (UTC).';
