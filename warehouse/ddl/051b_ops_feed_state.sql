CREATE TABLE IF NOT EXISTS ops.feed_state (
    feed_url VARCHAR NOT NULL PRIMARY KEY,
    source_id VARCHAR NOT NULL,
    etag VARCHAR,
    last_modified VARCHAR,
    last_outcome VARCHAR NOT NULL,
    entries_last_seen INTEGER,
    checked_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE ops.feed_state IS 'Per feed: validators for conditional requests (ETag, Last-Modified) and the last result.';
COMMENT ON COLUMN ops.feed_state.feed_url IS 'Feed URL.';
COMMENT ON COLUMN ops.feed_state.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN ops.feed_state.etag IS 'ETag of the last full response, sent back as If-None-Match.';
COMMENT ON COLUMN ops.feed_state.last_modified IS 'Last-Modified of the last full response, sent back as If-Modified-Since.';
COMMENT ON COLUMN ops.feed_state.last_outcome IS 'Fetch outcome of the last check (ok, not_modified, ...), or not_a_feed.';
COMMENT ON COLUMN ops.feed_state.entries_last_seen IS 'Entries in the feed at the last full response.';
COMMENT ON COLUMN ops.feed_state.checked_at IS 'When the feed was last checked (UTC).';
