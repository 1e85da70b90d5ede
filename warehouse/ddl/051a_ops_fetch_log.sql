CREATE TABLE IF NOT EXISTS ops.fetch_log (
    run_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    final_url VARCHAR,
    outcome VARCHAR NOT NULL,
    detail VARCHAR,
    status INTEGER,
    attempts INTEGER NOT NULL,
    redirects VARCHAR[] NOT NULL,
    elapsed_seconds DOUBLE NOT NULL,
    peer_ip VARCHAR,
    response_id VARCHAR,
    fetched_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE ops.fetch_log IS 'Every HTTP fetch a run made (feeds and articles): how it ended, after how many attempts, and where its response is archived.';
COMMENT ON COLUMN ops.fetch_log.run_id IS 'Run (ops.runs.run_id).';
COMMENT ON COLUMN ops.fetch_log.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN ops.fetch_log.kind IS 'feed, article or robots (a site''s robots.txt, fetched before its pages).';
COMMENT ON COLUMN ops.fetch_log.url IS 'URL requested.';
COMMENT ON COLUMN ops.fetch_log.final_url IS 'URL after redirects.';
COMMENT ON COLUMN ops.fetch_log.outcome IS 'ok, not_modified, http_error, blocked_address, blocked_scheme, blocked_robots, too_large, timeout, too_many_redirects, truncated, connection_error, tls_error, or circuit_open (not requested: the host failed host_failure_limit fetches in a row this run).';
COMMENT ON COLUMN ops.fetch_log.detail IS 'Why, in words (e.g. HTTP 503 after 3 attempt(s)).';
COMMENT ON COLUMN ops.fetch_log.status IS 'Last HTTP status received.';
COMMENT ON COLUMN ops.fetch_log.attempts IS 'Attempts made (retries on 408/429/5xx and network errors).';
COMMENT ON COLUMN ops.fetch_log.redirects IS 'Redirect chain followed.';
COMMENT ON COLUMN ops.fetch_log.elapsed_seconds IS 'Wall time of the fetch, retries included.';
COMMENT ON COLUMN ops.fetch_log.peer_ip IS 'Address actually connected to.';
COMMENT ON COLUMN ops.fetch_log.response_id IS 'Archived response (raw.web_responses.response_id), when one was received.';
COMMENT ON COLUMN ops.fetch_log.fetched_at IS 'When the fetch finished (UTC).';
