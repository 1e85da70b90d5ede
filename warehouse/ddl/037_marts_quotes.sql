CREATE TABLE IF NOT EXISTS marts.quotes (
    quote_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    source_label VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    published_date DATE,
    quote_text VARCHAR NOT NULL,
    words INTEGER NOT NULL,
    speaker_entity_id VARCHAR,
    speaker_name VARCHAR,
    speaker_text VARCHAR,
    cue VARCHAR,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence VARCHAR NOT NULL,
    quote_group VARCHAR,
    outlets_carrying BIGINT NOT NULL,
    first_carried_by VARCHAR NOT NULL,
    is_first BOOLEAN NOT NULL
);
COMMENT ON TABLE marts.quotes IS 'Direct quotations: who said what, in which article, and how many outlets carried the same quotation (small wording differences allowed).';
COMMENT ON COLUMN marts.quotes.quote_id IS 'article_id:quote_index.';
COMMENT ON COLUMN marts.quotes.article_id IS 'Article (marts.articles.article_id).';
COMMENT ON COLUMN marts.quotes.source_label IS 'Outlet, or for articles that do not name one, ''unknown: <file or URL>'', so each is counted apart.';
COMMENT ON COLUMN marts.quotes.outlet IS 'Outlet as stated (or unknown).';
COMMENT ON COLUMN marts.quotes.published_date IS 'Publication date of the article.';
COMMENT ON COLUMN marts.quotes.quote_text IS 'The quoted words.';
COMMENT ON COLUMN marts.quotes.words IS 'Words in the quotation; 1-3 words is a scare quote.';
COMMENT ON COLUMN marts.quotes.speaker_entity_id IS 'Canonical speaker, when resolvable.';
COMMENT ON COLUMN marts.quotes.speaker_name IS 'Canonical name of the speaker.';
COMMENT ON COLUMN marts.quotes.speaker_text IS 'The attribution as written.';
COMMENT ON COLUMN marts.quotes.cue IS 'Speech cue (said, told, urged, according to, ...).';
COMMENT ON COLUMN marts.quotes.start_offset IS 'Offset of the quoted words in marts.articles.text.';
COMMENT ON COLUMN marts.quotes.end_offset IS 'End offset of the quoted words.';
COMMENT ON COLUMN marts.quotes.evidence_start IS 'Offset in marts.articles.text where the evidence (quotation plus attribution) starts.';
COMMENT ON COLUMN marts.quotes.evidence_end IS 'Offset where the evidence ends.';
COMMENT ON COLUMN marts.quotes.evidence IS 'The sentence(s) carrying the quotation and attribution.';
COMMENT ON COLUMN marts.quotes.quote_group IS 'Same quotation across articles; NULL for scare quotes.';
COMMENT ON COLUMN marts.quotes.outlets_carrying IS 'Distinct source labels carrying this quotation (1 when alone).';
COMMENT ON COLUMN marts.quotes.first_carried_by IS 'Source label of the earliest-dated article carrying it (ties and undated: smallest article_id).';
COMMENT ON COLUMN marts.quotes.is_first IS 'True for the earliest carrier''s row.';
