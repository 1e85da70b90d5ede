CREATE TABLE IF NOT EXISTS marts.articles (
    article_id VARCHAR NOT NULL,
    title VARCHAR,
    outlet VARCHAR NOT NULL,
    outlet_provenance VARCHAR NOT NULL,
    source_label VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    url VARCHAR,
    language VARCHAR,
    byline VARCHAR,
    authors VARCHAR[],
    published_date DATE,
    updated_date DATE,
    date_provenance VARCHAR NOT NULL,
    word_count INTEGER NOT NULL,
    entities_mentioned INTEGER NOT NULL,
    top_topic VARCHAR,
    text VARCHAR NOT NULL,
    extraction_quality DOUBLE,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    profile_version VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE marts.articles IS 'Published articles about the event, one row per distinct text.';
COMMENT ON COLUMN marts.articles.article_id IS 'Content hash of the clean text (16 hex digits); join key for the other marts.';
COMMENT ON COLUMN marts.articles.title IS 'Headline.';
COMMENT ON COLUMN marts.articles.outlet IS 'Publisher as the document states it, or ''unknown''.';
COMMENT ON COLUMN marts.articles.outlet_provenance IS 'Where the outlet came from (document:dateline, metadata:html, config, unknown, ...).';
COMMENT ON COLUMN marts.articles.source_label IS 'The outlet, or for an article that names none ''unknown: <file name or web host>'', so such articles are told apart in per-outlet tables.';
COMMENT ON COLUMN marts.articles.source_id IS 'Source in sources.toml that supplied the article.';
COMMENT ON COLUMN marts.articles.origin IS 'File path or URL of the document.';
COMMENT ON COLUMN marts.articles.url IS 'Canonical URL when known.';
COMMENT ON COLUMN marts.articles.language IS 'Language code when known.';
COMMENT ON COLUMN marts.articles.byline IS 'Author line as printed.';
COMMENT ON COLUMN marts.articles.authors IS 'People named as authors, in order (never an organisation); empty when none.';
COMMENT ON COLUMN marts.articles.published_date IS 'Original publication date, NULL when unknown; see date_provenance.';
COMMENT ON COLUMN marts.articles.updated_date IS 'A later revision date the document declares, NULL when none.';
COMMENT ON COLUMN marts.articles.date_provenance IS 'How the date was found: metadata:html, metadata:jsonl, dateline, inferred:html-text-search or inferred:latest-date-in-text (both weaker), or none.';
COMMENT ON COLUMN marts.articles.word_count IS 'Words in the clean text.';
COMMENT ON COLUMN marts.articles.entities_mentioned IS 'Distinct profile entities the article mentions.';
COMMENT ON COLUMN marts.articles.top_topic IS 'Topic with the highest salience in the article (NULL when no topic matched).';
COMMENT ON COLUMN marts.articles.text IS 'Clean body text; search it with ILIKE or regexp_matches.';
COMMENT ON COLUMN marts.articles.extraction_quality IS 'How much the text reads like an article, 0 to 1; low values point at pages where extraction went wrong.';
COMMENT ON COLUMN marts.articles.extractor IS 'Extractor that produced the text.';
COMMENT ON COLUMN marts.articles.extractor_version IS 'Its version.';
COMMENT ON COLUMN marts.articles.profile_version IS 'Version (hash) of the event profile the article was judged and enriched with.';
COMMENT ON COLUMN marts.articles.loaded_at IS 'When the article entered staging (UTC).';
