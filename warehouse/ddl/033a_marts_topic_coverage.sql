CREATE TABLE IF NOT EXISTS marts.topic_coverage (
    topic_id VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    source_label VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    articles_total BIGINT NOT NULL,
    articles_covering BIGINT NOT NULL,
    share_of_articles DOUBLE NOT NULL,
    mean_salience DOUBLE NOT NULL,
    keywords_seen VARCHAR[] NOT NULL
);
COMMENT ON TABLE marts.topic_coverage IS 'Topic x source: how many of a source''s articles cover each profile topic. Every topic appears for every source, zero rows included, so ignored topics are visible.';
COMMENT ON COLUMN marts.topic_coverage.topic_id IS 'Topic id from the event profile.';
COMMENT ON COLUMN marts.topic_coverage.label IS 'Topic name.';
COMMENT ON COLUMN marts.topic_coverage.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN marts.topic_coverage.source_label IS 'The outlet, or ''unknown: <file or web host>'' for articles that name none (each counted apart).';
COMMENT ON COLUMN marts.topic_coverage.outlet IS 'Outlet.';
COMMENT ON COLUMN marts.topic_coverage.articles_total IS 'Articles of this source and outlet.';
COMMENT ON COLUMN marts.topic_coverage.articles_covering IS 'Of those, articles with at least one sentence on the topic.';
COMMENT ON COLUMN marts.topic_coverage.share_of_articles IS 'articles_covering / articles_total.';
COMMENT ON COLUMN marts.topic_coverage.mean_salience IS 'Mean share of sentences on the topic over all the source''s articles.';
COMMENT ON COLUMN marts.topic_coverage.keywords_seen IS 'Topic keywords found in any of those articles.';
