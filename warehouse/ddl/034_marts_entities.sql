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

CREATE TABLE IF NOT EXISTS marts.entities (
    entity_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL,
    sources BIGINT NOT NULL,
    variants_seen VARCHAR[] NOT NULL
);
COMMENT ON TABLE marts.entities IS 'Each profile entity with its reach: articles and sources mentioning it and every spelling seen. Entities nobody mentioned have zero rows counts.';
COMMENT ON COLUMN marts.entities.entity_id IS 'Canonical entity id.';
COMMENT ON COLUMN marts.entities.name IS 'Canonical name.';
COMMENT ON COLUMN marts.entities.kind IS 'person, place, organisation or other.';
COMMENT ON COLUMN marts.entities.articles IS 'Articles mentioning it.';
COMMENT ON COLUMN marts.entities.mentions IS 'Total mentions.';
COMMENT ON COLUMN marts.entities.sources IS 'Distinct (source, outlet) pairs mentioning it.';
COMMENT ON COLUMN marts.entities.variants_seen IS 'Distinct spellings found in articles.';
