CREATE TABLE IF NOT EXISTS staging.topic_scores (
    article_id VARCHAR NOT NULL,
    topic_id VARCHAR NOT NULL,
    matched_sentences INTEGER NOT NULL,
    total_sentences INTEGER NOT NULL,
    salience DOUBLE NOT NULL,
    keywords_seen VARCHAR[] NOT NULL,
    profile_version VARCHAR NOT NULL
);
COMMENT ON TABLE staging.topic_scores IS 'Every profile topic scored for every article, zero scores included.';
COMMENT ON COLUMN staging.topic_scores.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.topic_scores.topic_id IS 'Topic id from the event profile.';
COMMENT ON COLUMN staging.topic_scores.matched_sentences IS 'Sentences of the article that contain a keyword of the topic.';
COMMENT ON COLUMN staging.topic_scores.total_sentences IS 'Sentences in the article.';
COMMENT ON COLUMN staging.topic_scores.salience IS 'matched_sentences / total_sentences, from 0 to 1.';
COMMENT ON COLUMN staging.topic_scores.keywords_seen IS 'Distinct topic keywords found in the article.';
COMMENT ON COLUMN staging.topic_scores.profile_version IS 'Event profile version that produced the row.';
