CREATE TABLE IF NOT EXISTS staging.articles (
    article_id VARCHAR NOT NULL,
    raw_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    outlet_provenance VARCHAR NOT NULL,
    title VARCHAR,
    byline VARCHAR,
    dateline VARCHAR,
    url VARCHAR,
    language VARCHAR,
    published_date DATE,
    date_provenance VARCHAR NOT NULL,
    date_evidence VARCHAR,
    text VARCHAR NOT NULL,
    char_count INTEGER NOT NULL,
    word_count INTEGER NOT NULL,
    boilerplate_removed JSON NOT NULL,
    field_provenance JSON NOT NULL,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    profile_version VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    run_id VARCHAR NOT NULL,
    authors VARCHAR[],
    updated_date DATE,
    extraction_quality DOUBLE
);
-- Columns added after the first release: a warehouse created before them gains them here (NULL in
-- rows staged before; `presswatch reprocess` fills them).
ALTER TABLE staging.articles ADD COLUMN IF NOT EXISTS authors VARCHAR[];
ALTER TABLE staging.articles ADD COLUMN IF NOT EXISTS updated_date DATE;
ALTER TABLE staging.articles ADD COLUMN IF NOT EXISTS extraction_quality DOUBLE;
COMMENT ON TABLE staging.articles IS 'One row per distinct article text currently known: clean text, metadata and the provenance of each field. A changed source document replaces its earlier row; rows failing the quality gate move to dq.quarantine.';
COMMENT ON COLUMN staging.articles.article_id IS 'First 16 hex digits of the SHA-256 of the clean text (case and whitespace folded): the same text always gets the same id.';
COMMENT ON COLUMN staging.articles.raw_id IS 'Payload in raw.documents this article was extracted from.';
COMMENT ON COLUMN staging.articles.source_id IS 'Id of the source in sources.toml.';
COMMENT ON COLUMN staging.articles.origin IS 'File path or URL of the document; for JSON Lines, path#L<line>.';
COMMENT ON COLUMN staging.articles.outlet IS 'Publisher as stated by the document (or configured for its source); ''unknown'' when nothing says it. Never guessed from sources the article cites.';
COMMENT ON COLUMN staging.articles.outlet_provenance IS 'Where the outlet came from: document:dateline, document:byline, metadata:html, metadata:jsonl, config or unknown.';
COMMENT ON COLUMN staging.articles.title IS 'Headline.';
COMMENT ON COLUMN staging.articles.byline IS 'Author line as printed, when present (for HTML pages: the authors joined with "; ").';
COMMENT ON COLUMN staging.articles.authors IS 'The people the article names as its authors, in order; organisations (newsrooms, desks, agencies, the publisher) never count. Empty when none is named.';
COMMENT ON COLUMN staging.articles.updated_date IS 'A later revision date the document declares (JSON-LD dateModified, article:modified_time, an "Updated" line under the headline); NULL when none, or not after published_date.';
COMMENT ON COLUMN staging.articles.extraction_quality IS 'How much the text reads like an article, 0 to 1 (length, prose, fragments, repeats; transforms/extraction/quality.py). Real articles score about 0.8 to 1, menus and link lists under 0.4.';
COMMENT ON COLUMN staging.articles.dateline IS 'Dateline as printed (place, date, agency), when present.';
COMMENT ON COLUMN staging.articles.url IS 'Canonical URL when the document states one.';
COMMENT ON COLUMN staging.articles.language IS 'Language code when the document states one.';
COMMENT ON COLUMN staging.articles.published_date IS 'Original publication date (not a later update: see updated_date); NULL when neither metadata nor text gives one. See date_provenance for how strong it is.';
COMMENT ON COLUMN staging.articles.date_provenance IS 'Signal that gave published_date: metadata:html (page markup or its JSON-LD), metadata:jsonl (the record''s field), dateline (a dateline, or a date line under the headline of a plain-text article), inferred:html-text-search (guessed by htmldate from page text), inferred:latest-date-in-text (a lower bound guessed from dates the text mentions), inferred:weekday-in-window (a weekday resolved inside a short event window) or none. inferred:* dates are weaker.';
COMMENT ON COLUMN staging.articles.date_evidence IS 'The snippet (metadata value or text) the date was read from.';
COMMENT ON COLUMN staging.articles.text IS 'Clean body text: boilerplate removed, paragraphs separated by a blank line.';
COMMENT ON COLUMN staging.articles.char_count IS 'Characters in text.';
COMMENT ON COLUMN staging.articles.word_count IS 'Words in text: whitespace-separated tokens, each Chinese or Japanese character counted as one.';
COMMENT ON COLUMN staging.articles.boilerplate_removed IS 'JSON object: how many pieces of each kind of boilerplate the cleaner removed.';
COMMENT ON COLUMN staging.articles.field_provenance IS 'JSON object: for each field, the extractor, its version and the method that produced it (e.g. "presswatch.plaintext@1.0:first-line").';
COMMENT ON COLUMN staging.articles.extractor IS 'Extractor that produced the text: presswatch.plaintext, trafilatura or presswatch.jsonl.';
COMMENT ON COLUMN staging.articles.extractor_version IS 'Version of that extractor.';
COMMENT ON COLUMN staging.articles.profile_version IS 'Version (hash) of the event profile used to judge relevance and derive entities and topics.';
COMMENT ON COLUMN staging.articles.loaded_at IS 'When this row was written (UTC).';
COMMENT ON COLUMN staging.articles.run_id IS 'Run that wrote this row.';
