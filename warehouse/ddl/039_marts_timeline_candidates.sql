CREATE TABLE IF NOT EXISTS marts.event_timeline (
    day DATE NOT NULL,
    happening VARCHAR NOT NULL,
    what VARCHAR NOT NULL,
    source_labels VARCHAR[] NOT NULL,
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL
);
COMMENT ON TABLE marts.event_timeline IS 'Dated happenings the articles mention, one row per happening and day, with the outlets that mention it.';
COMMENT ON COLUMN marts.event_timeline.day IS 'Day of the happening.';
COMMENT ON COLUMN marts.event_timeline.happening IS 'Id of the group of similar mentions on that day.';
COMMENT ON COLUMN marts.event_timeline.what IS 'A representative sentence (the earliest article''s).';
COMMENT ON COLUMN marts.event_timeline.source_labels IS 'Outlets (or unknown-outlet articles) mentioning it.';
COMMENT ON COLUMN marts.event_timeline.articles IS 'Articles mentioning it.';
COMMENT ON COLUMN marts.event_timeline.mentions IS 'Mentions in all.';

CREATE TABLE IF NOT EXISTS marts.entity_candidates (
    name VARCHAR NOT NULL,
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL,
    source_labels VARCHAR[] NOT NULL
);
COMMENT ON TABLE marts.entity_candidates IS 'Capitalised names that recur (2+ mentions) but match no profile entity: candidates to add to event.toml.';
COMMENT ON COLUMN marts.entity_candidates.name IS 'Name as written.';
COMMENT ON COLUMN marts.entity_candidates.articles IS 'Articles mentioning it.';
COMMENT ON COLUMN marts.entity_candidates.mentions IS 'Mentions in all.';
COMMENT ON COLUMN marts.entity_candidates.source_labels IS 'Outlets (or unknown-outlet articles) mentioning it.';

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
