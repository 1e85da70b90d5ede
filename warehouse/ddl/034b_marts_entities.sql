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
