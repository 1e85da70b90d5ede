CREATE TABLE IF NOT EXISTS staging.claim_conflict_members (
    claim_type VARCHAR NOT NULL,
    value_group VARCHAR NOT NULL,
    distinct_values INTEGER NOT NULL,
    article_id VARCHAR NOT NULL,
    claim_index INTEGER NOT NULL
);
COMMENT ON TABLE staging.claim_conflict_members IS 'Claims of disputed claim types, each with the group of agreeing values it belongs to (values within the claim type''s tolerance agree; see [[claims]] in event.toml).';
COMMENT ON COLUMN staging.claim_conflict_members.claim_type IS 'Disputed claim type.';
COMMENT ON COLUMN staging.claim_conflict_members.value_group IS 'The agreeing value(s), e.g. "15" or "200 / 210" when within tolerance.';
COMMENT ON COLUMN staging.claim_conflict_members.distinct_values IS 'How many groups of disagreeing values the claim type has.';
COMMENT ON COLUMN staging.claim_conflict_members.article_id IS 'Article making the claim.';
COMMENT ON COLUMN staging.claim_conflict_members.claim_index IS 'The claim (staging.claims.claim_index).';
