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
