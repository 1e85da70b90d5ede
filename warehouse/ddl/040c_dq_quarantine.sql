CREATE TABLE IF NOT EXISTS dq.quarantine (
    run_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    failed_expectations VARCHAR[] NOT NULL,
    reasons VARCHAR NOT NULL,
    row_json JSON NOT NULL,
    quarantined_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE dq.quarantine IS 'Articles that failed the quality gate, removed from staging with the full row kept, so nothing is lost and nothing unvalidated is published.';
COMMENT ON COLUMN dq.quarantine.run_id IS 'Run whose gate failed the article.';
COMMENT ON COLUMN dq.quarantine.article_id IS 'Article id.';
COMMENT ON COLUMN dq.quarantine.source_id IS 'Source id.';
COMMENT ON COLUMN dq.quarantine.origin IS 'File path or URL of the document.';
COMMENT ON COLUMN dq.quarantine.failed_expectations IS 'Expectations the article failed.';
COMMENT ON COLUMN dq.quarantine.reasons IS 'Human-readable reasons, one per failed expectation.';
COMMENT ON COLUMN dq.quarantine.row_json IS 'The staging row as JSON.';
COMMENT ON COLUMN dq.quarantine.quarantined_at IS 'When it was quarantined (UTC).';
