CREATE TABLE IF NOT EXISTS marts.claim_conflicts (
    claim_type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    distinct_values BIGINT NOT NULL,
    source_labels VARCHAR[] NOT NULL,
    articles BIGINT NOT NULL,
    source_families BIGINT NOT NULL,
    values_as_written VARCHAR[] NOT NULL,
    example_evidence VARCHAR NOT NULL
);
COMMENT ON TABLE marts.claim_conflicts IS 'Facts the coverage disagrees on: one row per value of every claim type for which outlets give different normalised values, with who gave each.';
COMMENT ON COLUMN marts.claim_conflicts.claim_type IS 'Claim type with disagreeing values.';
COMMENT ON COLUMN marts.claim_conflicts.value IS 'One of the normalised values given.';
COMMENT ON COLUMN marts.claim_conflicts.unit IS 'Unit of the value.';
COMMENT ON COLUMN marts.claim_conflicts.distinct_values IS 'How many different values this claim type has across the coverage.';
COMMENT ON COLUMN marts.claim_conflicts.source_labels IS 'Outlets (or unknown-outlet articles) giving this value.';
COMMENT ON COLUMN marts.claim_conflicts.articles IS 'Articles giving this value.';
COMMENT ON COLUMN marts.claim_conflicts.source_families IS 'Independent sources giving this value: articles that are near-copies of each other (one story cluster, e.g. a syndicated wire story) count once.';
COMMENT ON COLUMN marts.claim_conflicts.values_as_written IS 'How they wrote it.';
COMMENT ON COLUMN marts.claim_conflicts.example_evidence IS 'One evidence sentence for this value.';
