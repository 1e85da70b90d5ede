CREATE TABLE IF NOT EXISTS marts.entity_candidates (
    name VARCHAR NOT NULL,
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL,
    source_labels VARCHAR[] NOT NULL,
    declared_for VARCHAR,
    declaration VARCHAR
);
COMMENT ON TABLE marts.entity_candidates IS 'Candidates to add to event.toml: capitalised names that recur (2+ mentions) but match no profile entity, and names an article declares equal to a profile entity (an acronym in brackets, "known locally as"), which the run already counted for that entity in that article.';
COMMENT ON COLUMN marts.entity_candidates.name IS 'Name as written.';
COMMENT ON COLUMN marts.entity_candidates.articles IS 'Articles mentioning it.';
COMMENT ON COLUMN marts.entity_candidates.mentions IS 'Mentions in all.';
COMMENT ON COLUMN marts.entity_candidates.source_labels IS 'Outlets (or unknown-outlet articles) mentioning it.';
COMMENT ON COLUMN marts.entity_candidates.declared_for IS 'The profile entity an article declares this name equal to (add the name to its variants); NULL for an unknown name.';
COMMENT ON COLUMN marts.entity_candidates.declaration IS 'Provenance: the words of one article that declare it ("National Disaster Risk Reduction and Management Council (NDRRMC)").';
