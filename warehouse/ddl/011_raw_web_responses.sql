CREATE TABLE IF NOT EXISTS raw.web_responses (
    response_id VARCHAR NOT NULL PRIMARY KEY,
    run_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    final_url VARCHAR NOT NULL,
    status INTEGER NOT NULL,
    content_type VARCHAR,
    body_sha256 VARCHAR,
    body_bytes BIGINT NOT NULL,
    warc_path VARCHAR NOT NULL,
    warc_offset BIGINT NOT NULL,
    warc_length BIGINT NOT NULL,
    fetched_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE raw.web_responses IS 'Every HTTP response received, with where it is stored in the WARC archive (status, headers and body are replayable from there without the network).';
COMMENT ON COLUMN raw.web_responses.response_id IS 'Id of the response: the WARC record id.';
COMMENT ON COLUMN raw.web_responses.run_id IS 'Run that fetched it.';
COMMENT ON COLUMN raw.web_responses.source_id IS 'Source in sources.toml that led to the URL.';
COMMENT ON COLUMN raw.web_responses.kind IS 'feed, article or robots (a site''s robots.txt, fetched before its pages).';
COMMENT ON COLUMN raw.web_responses.url IS 'URL requested (canonical form for articles).';
COMMENT ON COLUMN raw.web_responses.final_url IS 'URL after redirects.';
COMMENT ON COLUMN raw.web_responses.status IS 'HTTP status code.';
COMMENT ON COLUMN raw.web_responses.content_type IS 'Content-Type header.';
COMMENT ON COLUMN raw.web_responses.body_sha256 IS 'SHA-256 of the decoded body (NULL when there was none).';
COMMENT ON COLUMN raw.web_responses.body_bytes IS 'Decoded body size in bytes.';
COMMENT ON COLUMN raw.web_responses.warc_path IS 'WARC file holding the response.';
COMMENT ON COLUMN raw.web_responses.warc_offset IS 'Byte offset of the response record in that file.';
COMMENT ON COLUMN raw.web_responses.warc_length IS 'Length in bytes of the (gzip) record.';
COMMENT ON COLUMN raw.web_responses.fetched_at IS 'When the response was received (UTC).';
