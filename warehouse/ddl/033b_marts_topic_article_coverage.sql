CREATE TABLE IF NOT EXISTS marts.topic_article_coverage (
    topic_id VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    matched_sentences INTEGER NOT NULL,
    total_sentences INTEGER NOT NULL,
    salience DOUBLE NOT NULL,
    keywords_seen VARCHAR[] NOT NULL
);
COMMENT ON TABLE marts.topic_article_coverage IS 'Topic x article: the salience of every profile topic in every article, zero rows included.';
COMMENT ON COLUMN marts.topic_article_coverage.topic_id IS 'Topic id.';
COMMENT ON COLUMN marts.topic_article_coverage.label IS 'Topic name.';
COMMENT ON COLUMN marts.topic_article_coverage.article_id IS 'Article (marts.articles.article_id).';
COMMENT ON COLUMN marts.topic_article_coverage.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN marts.topic_article_coverage.outlet IS 'Outlet.';
COMMENT ON COLUMN marts.topic_article_coverage.matched_sentences IS 'Sentences on the topic.';
COMMENT ON COLUMN marts.topic_article_coverage.total_sentences IS 'Sentences in the article.';
COMMENT ON COLUMN marts.topic_article_coverage.salience IS 'matched_sentences / total_sentences.';
COMMENT ON COLUMN marts.topic_article_coverage.keywords_seen IS 'Topic keywords found in the article.';
