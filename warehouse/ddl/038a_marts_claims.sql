CREATE TABLE IF NOT EXISTS marts.claims (
    article_id VARCHAR NOT NULL,
    source_label VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    published_date DATE,
    claim_type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    value_number DOUBLE,
    value_date DATE,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR,
    value_as_written VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    note VARCHAR,
    in_headline BOOLEAN
);
-- Added after the first release: a warehouse made before it gains the column.
ALTER TABLE marts.claims ADD COLUMN IF NOT EXISTS in_headline BOOLEAN;
COMMENT ON TABLE marts.claims IS 'Factual claims about the event that can be compared across outlets, each with its normalised value and evidence sentence.';
COMMENT ON COLUMN marts.claims.article_id IS 'Article (marts.articles.article_id).';
COMMENT ON COLUMN marts.claims.source_label IS 'Outlet, or ''unknown: <file or URL>'' for articles that do not name one.';
COMMENT ON COLUMN marts.claims.outlet IS 'Outlet as stated (or unknown).';
COMMENT ON COLUMN marts.claims.published_date IS 'Publication date of the article.';
COMMENT ON COLUMN marts.claims.claim_type IS 'Claim type from the event profile (e.g. agreements-signed, business-delegation-size, summit-date).';
COMMENT ON COLUMN marts.claims.value IS 'Normalised value as text.';
COMMENT ON COLUMN marts.claims.value_number IS 'Value as a number (counts, durations).';
COMMENT ON COLUMN marts.claims.value_date IS 'Value as a date (date claims).';
COMMENT ON COLUMN marts.claims.unit IS 'Unit of the value.';
COMMENT ON COLUMN marts.claims.qualifier IS 'Hedge in the text: approximately, more than, plus, ...';
COMMENT ON COLUMN marts.claims.value_as_written IS 'The value as written in the article.';
COMMENT ON COLUMN marts.claims.evidence IS 'Evidence sentence, or the headline when in_headline.';
COMMENT ON COLUMN marts.claims.note IS 'How the value differs from what the text says on its face: a day written in another time zone is the event''s local day (''18:10 GMT on 2027-09-15 is 2027-09-16 in Asia/Manila''), so outlets reporting one instant in two zones agree instead of showing a conflict; NULL otherwise.';
COMMENT ON COLUMN marts.claims.in_headline IS 'True when the claim is stated in the headline rather than the body.';
