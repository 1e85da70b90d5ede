CREATE TABLE IF NOT EXISTS staging.entity_mentions (
    article_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    variant VARCHAR NOT NULL,
    mention_count INTEGER NOT NULL,
    first_offset INTEGER NOT NULL,
    profile_version VARCHAR NOT NULL
);
COMMENT ON TABLE staging.entity_mentions IS 'Mentions of the event profile''s entities per article, one row per (article, entity, surface form).';
COMMENT ON COLUMN staging.entity_mentions.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.entity_mentions.entity_id IS 'Canonical entity id from the event profile.';
COMMENT ON COLUMN staging.entity_mentions.variant IS 'The name exactly as the article wrote it (e.g. Lee Jaemyung).';
COMMENT ON COLUMN staging.entity_mentions.mention_count IS 'Times this surface form occurs in the article.';
COMMENT ON COLUMN staging.entity_mentions.first_offset IS 'Character offset of its first occurrence in the article text.';
COMMENT ON COLUMN staging.entity_mentions.profile_version IS 'Event profile version that produced the row.';
