CREATE TABLE IF NOT EXISTS marts.coverage_daily (
    published_date DATE,
    source_id VARCHAR NOT NULL,
    source_label VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    articles BIGINT NOT NULL,
    words BIGINT NOT NULL,
    inferred_dates BIGINT NOT NULL
);
COMMENT ON TABLE marts.coverage_daily IS 'Articles per publication day, source and outlet. Undated articles form a row with published_date NULL, so the counts add up to marts.articles.';
COMMENT ON COLUMN marts.coverage_daily.published_date IS 'Publication day; NULL for undated articles.';
COMMENT ON COLUMN marts.coverage_daily.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN marts.coverage_daily.source_label IS 'The outlet, or ''unknown: <file or web host>'' for articles that name none (each counted apart).';
COMMENT ON COLUMN marts.coverage_daily.outlet IS 'Outlet.';
COMMENT ON COLUMN marts.coverage_daily.articles IS 'Articles published that day.';
COMMENT ON COLUMN marts.coverage_daily.words IS 'Their total words.';
COMMENT ON COLUMN marts.coverage_daily.inferred_dates IS 'How many of them have a date inferred from the text rather than stated in metadata.';
