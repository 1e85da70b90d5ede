CREATE TABLE IF NOT EXISTS marts.coverage_by_source (
    source_id VARCHAR NOT NULL,
    source_label VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    articles BIGINT NOT NULL,
    words BIGINT NOT NULL,
    dated_articles BIGINT NOT NULL,
    first_published DATE,
    last_published DATE,
    top_topics VARCHAR[] NOT NULL
);
COMMENT ON TABLE marts.coverage_by_source IS 'Coverage volume per source and outlet.';
COMMENT ON COLUMN marts.coverage_by_source.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN marts.coverage_by_source.source_label IS 'The outlet, or ''unknown: <file or web host>'' for articles that name none (each counted apart).';
COMMENT ON COLUMN marts.coverage_by_source.outlet IS 'Outlet (''unknown'' groups articles that do not name their publisher).';
COMMENT ON COLUMN marts.coverage_by_source.articles IS 'Published articles.';
COMMENT ON COLUMN marts.coverage_by_source.words IS 'Total words of those articles.';
COMMENT ON COLUMN marts.coverage_by_source.dated_articles IS 'Articles with a publication date.';
COMMENT ON COLUMN marts.coverage_by_source.first_published IS 'Earliest publication date.';
COMMENT ON COLUMN marts.coverage_by_source.last_published IS 'Latest publication date.';
COMMENT ON COLUMN marts.coverage_by_source.top_topics IS 'Up to three topics covered by the most of these articles (ties broken by salience).';
