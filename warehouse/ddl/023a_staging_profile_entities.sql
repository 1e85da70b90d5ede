CREATE TABLE IF NOT EXISTS staging.profile_entities (
    entity_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    variants VARCHAR[] NOT NULL,
    context_aliases VARCHAR[] NOT NULL
);
COMMENT ON TABLE staging.profile_entities IS 'Entities of the current event profile (seeds/event.toml or --event), refreshed each run.';
COMMENT ON COLUMN staging.profile_entities.entity_id IS 'Canonical entity id.';
COMMENT ON COLUMN staging.profile_entities.name IS 'Canonical name.';
COMMENT ON COLUMN staging.profile_entities.kind IS 'person, place, organisation or other.';
COMMENT ON COLUMN staging.profile_entities.variants IS 'Configured spellings; matching also tolerates case, spacing, hyphens and accents.';
COMMENT ON COLUMN staging.profile_entities.context_aliases IS 'Short forms (e.g. a surname) counted only in articles that name the entity in full.';
