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
