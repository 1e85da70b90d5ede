CREATE TABLE IF NOT EXISTS marts.coverage_summary (
    event_id VARCHAR NOT NULL,
    event_name VARCHAR NOT NULL,
    event_start DATE NOT NULL,
    event_end DATE NOT NULL,
    articles BIGINT NOT NULL,
    sources BIGINT NOT NULL,
    outlets_known BIGINT NOT NULL,
    first_published DATE,
    last_published DATE,
    undated_articles BIGINT NOT NULL,
    top_topics VARCHAR[] NOT NULL,
    top_entities VARCHAR[] NOT NULL,
    quality_status VARCHAR NOT NULL,
    quarantined_articles BIGINT NOT NULL,
    run_id VARCHAR NOT NULL,
    built_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE marts.coverage_summary IS 'One row: the state of coverage at the last publish.';
COMMENT ON COLUMN marts.coverage_summary.event_id IS 'Event profile id.';
COMMENT ON COLUMN marts.coverage_summary.event_name IS 'Event name.';
COMMENT ON COLUMN marts.coverage_summary.event_start IS 'First day of the event.';
COMMENT ON COLUMN marts.coverage_summary.event_end IS 'Last day of the event.';
COMMENT ON COLUMN marts.coverage_summary.articles IS 'Published articles.';
COMMENT ON COLUMN marts.coverage_summary.sources IS 'Distinct (source, source_label) pairs: outlets, with each unknown-outlet file or host counted apart.';
COMMENT ON COLUMN marts.coverage_summary.outlets_known IS 'Distinct named outlets (''unknown'' excluded).';
COMMENT ON COLUMN marts.coverage_summary.first_published IS 'Earliest publication date.';
COMMENT ON COLUMN marts.coverage_summary.last_published IS 'Latest publication date.';
COMMENT ON COLUMN marts.coverage_summary.undated_articles IS 'Articles with no publication date.';
COMMENT ON COLUMN marts.coverage_summary.top_topics IS 'Up to five topics covered by the most articles.';
COMMENT ON COLUMN marts.coverage_summary.top_entities IS 'Up to five entities mentioned in the most articles.';
COMMENT ON COLUMN marts.coverage_summary.quality_status IS 'Quality gate result on the staging data this publish was built from.';
COMMENT ON COLUMN marts.coverage_summary.quarantined_articles IS 'Articles held in dq.quarantine (all runs).';
COMMENT ON COLUMN marts.coverage_summary.run_id IS 'Run that built and published these marts.';
COMMENT ON COLUMN marts.coverage_summary.built_at IS 'When the marts were built (UTC).';
