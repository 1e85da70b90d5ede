CREATE TABLE IF NOT EXISTS staging.quotes (
    article_id VARCHAR NOT NULL,
    quote_index INTEGER NOT NULL,
    quote_text VARCHAR NOT NULL,
    words INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    speaker_entity_id VARCHAR,
    speaker_text VARCHAR,
    cue VARCHAR,
    quote_group VARCHAR,
    profile_version VARCHAR NOT NULL
);
COMMENT ON TABLE staging.quotes IS 'Direct quotations found in staged articles, with their speaker and the cross-article group of the same quotation.';
COMMENT ON COLUMN staging.quotes.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.quotes.quote_index IS 'Position of the quotation in the article (0 = first).';
COMMENT ON COLUMN staging.quotes.quote_text IS 'The quoted words, without quote marks.';
COMMENT ON COLUMN staging.quotes.words IS 'Words in the quotation (1-3: a scare quote rather than a statement).';
COMMENT ON COLUMN staging.quotes.start_offset IS 'Character offset where the quoted words start in the article text.';
COMMENT ON COLUMN staging.quotes.end_offset IS 'Character offset where they end.';
COMMENT ON COLUMN staging.quotes.evidence_start IS 'Start of the sentence(s) carrying the quotation and its attribution.';
COMMENT ON COLUMN staging.quotes.evidence_end IS 'End of that evidence.';
COMMENT ON COLUMN staging.quotes.speaker_entity_id IS 'Canonical entity who said it, when resolvable.';
COMMENT ON COLUMN staging.quotes.speaker_text IS 'The attribution as written (e.g. "Chinese Foreign Ministry spokesperson Mao Ning").';
COMMENT ON COLUMN staging.quotes.cue IS 'Speech cue: said, told, urged, according to, ...';
COMMENT ON COLUMN staging.quotes.quote_group IS 'Group of the same quotation across articles (small wording differences allowed); NULL for scare quotes.';
COMMENT ON COLUMN staging.quotes.profile_version IS 'Event profile version used.';

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
    profile_version VARCHAR NOT NULL
);
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
COMMENT ON COLUMN staging.claims.sentence IS 'Evidence sentence.';
COMMENT ON COLUMN staging.claims.start_offset IS 'Offset of the evidence sentence in the article text.';
COMMENT ON COLUMN staging.claims.end_offset IS 'End of the evidence sentence.';
COMMENT ON COLUMN staging.claims.profile_version IS 'Event profile version used.';

CREATE TABLE IF NOT EXISTS staging.timeline_events (
    article_id VARCHAR NOT NULL,
    day DATE NOT NULL,
    what VARCHAR NOT NULL,
    date_text VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    happening VARCHAR
);
COMMENT ON TABLE staging.timeline_events IS 'Dated happenings mentioned in staged articles.';
COMMENT ON COLUMN staging.timeline_events.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.timeline_events.day IS 'Day of the happening.';
COMMENT ON COLUMN staging.timeline_events.what IS 'The sentence describing it (trimmed).';
COMMENT ON COLUMN staging.timeline_events.date_text IS 'The date as written.';
COMMENT ON COLUMN staging.timeline_events.start_offset IS 'Offset of the evidence sentence.';
COMMENT ON COLUMN staging.timeline_events.end_offset IS 'End of the evidence sentence.';
COMMENT ON COLUMN staging.timeline_events.happening IS 'Group of mentions of the same happening across articles (same day, similar wording).';

CREATE TABLE IF NOT EXISTS staging.name_candidates (
    article_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    mention_count INTEGER NOT NULL,
    first_offset INTEGER NOT NULL
);
COMMENT ON TABLE staging.name_candidates IS 'Capitalised names in staged articles that match no profile entity: candidates for the profile.';
COMMENT ON COLUMN staging.name_candidates.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.name_candidates.name IS 'The name as written.';
COMMENT ON COLUMN staging.name_candidates.mention_count IS 'Occurrences in the article.';
COMMENT ON COLUMN staging.name_candidates.first_offset IS 'Offset of the first occurrence.';

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
