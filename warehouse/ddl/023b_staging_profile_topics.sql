CREATE TABLE IF NOT EXISTS staging.profile_topics (
    topic_id VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    keywords VARCHAR[] NOT NULL
);
COMMENT ON TABLE staging.profile_topics IS 'Topics of the current event profile, refreshed each run.';
COMMENT ON COLUMN staging.profile_topics.topic_id IS 'Topic id.';
COMMENT ON COLUMN staging.profile_topics.label IS 'Human-readable topic name.';
COMMENT ON COLUMN staging.profile_topics.keywords IS 'Keyword phrases that mark a sentence as on this topic.';
