CREATE TABLE IF NOT EXISTS marts.entity_mentions (
    entity_id VARCHAR NOT NULL,
    entity_name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    variant VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    mention_count INTEGER NOT NULL,
    first_offset INTEGER NOT NULL
);
COMMENT ON TABLE marts.entity_mentions IS 'Who and what each article mentions: canonical entity, the spelling the article used, and how often.';
COMMENT ON COLUMN marts.entity_mentions.entity_id IS 'Canonical entity id from the event profile.';
COMMENT ON COLUMN marts.entity_mentions.entity_name IS 'Canonical name (e.g. Lee Jae Myung, whatever spelling the article used).';
COMMENT ON COLUMN marts.entity_mentions.kind IS 'person, place, organisation or other.';
COMMENT ON COLUMN marts.entity_mentions.variant IS 'The name as written in the article (e.g. Lee Jaemyung).';
COMMENT ON COLUMN marts.entity_mentions.article_id IS 'Article (marts.articles.article_id).';
COMMENT ON COLUMN marts.entity_mentions.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN marts.entity_mentions.outlet IS 'Outlet.';
COMMENT ON COLUMN marts.entity_mentions.mention_count IS 'Occurrences of this spelling in the article.';
COMMENT ON COLUMN marts.entity_mentions.first_offset IS 'Character offset of the first occurrence in marts.articles.text.';
