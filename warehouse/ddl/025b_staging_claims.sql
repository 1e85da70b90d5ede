CREATE TABLE IF NOT EXISTS staging.claims (
    article_id VARCHAR NOT NULL,
    claim_index INTEGER NOT NULL,
    claim_type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    value_number DOUBLE,
    value_date DATE,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR,
    value_as_written VARCHAR NOT NULL,
    sentence VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    profile_version VARCHAR NOT NULL,
    note VARCHAR,
    in_headline BOOLEAN
);
-- Added after the first release: staging tables made before them gain the columns (NULL on old rows).
ALTER TABLE staging.claims ADD COLUMN IF NOT EXISTS note VARCHAR;
ALTER TABLE staging.claims ADD COLUMN IF NOT EXISTS in_headline BOOLEAN;
COMMENT ON TABLE staging.claims IS 'Comparable factual claims about the event (counts, durations, dates), normalised, with their evidence sentence.';
COMMENT ON COLUMN staging.claims.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.claims.claim_index IS 'Position of the claim in the article.';
COMMENT ON COLUMN staging.claims.claim_type IS 'Claim type id from the event profile, e.g. agreements-signed.';
COMMENT ON COLUMN staging.claims.value IS 'Normalised value as text (a number, or an ISO date).';
COMMENT ON COLUMN staging.claims.value_number IS 'The value as a number, for counts and durations.';
COMMENT ON COLUMN staging.claims.value_date IS 'The value as a date, for date claims.';
COMMENT ON COLUMN staging.claims.unit IS 'Unit of the value (agreements, people, days, years, date).';
COMMENT ON COLUMN staging.claims.qualifier IS 'approximately, more than, at least, plus ... when the text hedges the number.';
COMMENT ON COLUMN staging.claims.value_as_written IS 'The value as the article wrote it (e.g. "more than 200").';
COMMENT ON COLUMN staging.claims.sentence IS 'Evidence sentence (the headline when in_headline).';
COMMENT ON COLUMN staging.claims.start_offset IS 'Offset of the evidence sentence in the article text (in the headline when in_headline).';
COMMENT ON COLUMN staging.claims.end_offset IS 'End of the evidence sentence.';
COMMENT ON COLUMN staging.claims.profile_version IS 'Event profile version used.';
COMMENT ON COLUMN staging.claims.note IS 'How the value differs from what the text says on its face, e.g. ''18:10 GMT on 2027-09-15 is 2027-09-16 in Asia/Manila'' (a day converted to the event''s time zone); NULL otherwise.';
COMMENT ON COLUMN staging.claims.in_headline IS 'True when the claim is stated in the headline (staging.articles.title), not in the body text.';
