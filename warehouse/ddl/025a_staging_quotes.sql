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
