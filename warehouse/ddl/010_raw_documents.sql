CREATE TABLE IF NOT EXISTS raw.documents (
    raw_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    media_type VARCHAR NOT NULL,
    byte_size BIGINT NOT NULL,
    content BLOB NOT NULL,
    first_run_id VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (origin, raw_id)
);
COMMENT ON TABLE raw.documents IS 'Every distinct payload read from a source, stored unchanged. One row per (origin, content); a changed file adds a row, an unchanged one adds nothing.';
COMMENT ON COLUMN raw.documents.raw_id IS 'SHA-256 (hex) of the payload bytes.';
COMMENT ON COLUMN raw.documents.source_id IS 'Id of the source in sources.toml that produced the payload.';
COMMENT ON COLUMN raw.documents.origin IS 'Where the payload came from: an absolute file path or a URL.';
COMMENT ON COLUMN raw.documents.media_type IS 'Media type decided from the file name and content: text/plain, text/html or application/x-ndjson.';
COMMENT ON COLUMN raw.documents.byte_size IS 'Size of the payload in bytes.';
COMMENT ON COLUMN raw.documents.content IS 'The payload, byte for byte.';
COMMENT ON COLUMN raw.documents.first_run_id IS 'Run that first archived this payload.';
COMMENT ON COLUMN raw.documents.loaded_at IS 'When the payload was archived (UTC).';
