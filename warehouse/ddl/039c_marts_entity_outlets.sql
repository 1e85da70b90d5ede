CREATE TABLE IF NOT EXISTS marts.entity_outlets (
    entity_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    source_label VARCHAR NOT NULL,
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL,
    variants_seen VARCHAR[] NOT NULL,
    first_mentioned DATE,
    last_mentioned DATE
);
COMMENT ON TABLE marts.entity_outlets IS 'Entity x outlet: how often each outlet mentions each entity, the spellings it used, and its first and last dated mention.';
COMMENT ON COLUMN marts.entity_outlets.entity_id IS 'Canonical entity id.';
COMMENT ON COLUMN marts.entity_outlets.name IS 'Canonical name.';
COMMENT ON COLUMN marts.entity_outlets.kind IS 'person, place, organisation or other.';
COMMENT ON COLUMN marts.entity_outlets.source_label IS 'Outlet, or ''unknown: <file or URL>'' for articles that do not name one.';
COMMENT ON COLUMN marts.entity_outlets.articles IS 'Articles of this outlet mentioning the entity.';
COMMENT ON COLUMN marts.entity_outlets.mentions IS 'Mentions in all.';
COMMENT ON COLUMN marts.entity_outlets.variants_seen IS 'Spellings this outlet used.';
COMMENT ON COLUMN marts.entity_outlets.first_mentioned IS 'Publication date of its earliest article mentioning the entity.';
COMMENT ON COLUMN marts.entity_outlets.last_mentioned IS 'Publication date of its latest article mentioning the entity.';
