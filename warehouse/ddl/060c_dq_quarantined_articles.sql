CREATE OR REPLACE VIEW dq.quarantined_articles AS
SELECT
    q.run_id,
    q.quarantined_at,
    q.article_id,
    q.source_id,
    q.origin,
    q.row_json ->> 'title' AS title,
    q.row_json ->> 'outlet' AS outlet,
    TRY_CAST(q.row_json ->> 'published_date' AS DATE) AS published_date,
    q.failed_expectations,
    q.reasons,
    s.article_id IS NULL AS still_quarantined
FROM dq.quarantine AS q
LEFT JOIN staging.articles AS s USING (article_id);
COMMENT ON VIEW dq.quarantined_articles IS 'Which article failed what: every quarantine with the article''s title, outlet and the expectations it failed.';
COMMENT ON COLUMN dq.quarantined_articles.run_id IS 'Run whose gate failed the article.';
COMMENT ON COLUMN dq.quarantined_articles.quarantined_at IS 'When it was quarantined (UTC).';
COMMENT ON COLUMN dq.quarantined_articles.article_id IS 'Article id.';
COMMENT ON COLUMN dq.quarantined_articles.source_id IS 'Source id from sources.toml.';
COMMENT ON COLUMN dq.quarantined_articles.origin IS 'File path or URL of the document.';
COMMENT ON COLUMN dq.quarantined_articles.title IS 'Headline of the quarantined row.';
COMMENT ON COLUMN dq.quarantined_articles.outlet IS 'Outlet of the quarantined row, when known.';
COMMENT ON COLUMN dq.quarantined_articles.published_date IS 'Publication date of the quarantined row (NULL if missing or unparseable).';
COMMENT ON COLUMN dq.quarantined_articles.failed_expectations IS 'Expectations the article failed.';
COMMENT ON COLUMN dq.quarantined_articles.reasons IS 'Human-readable reasons, one per failed expectation.';
COMMENT ON COLUMN dq.quarantined_articles.still_quarantined IS 'False once a later version of the article passed the gate and is back in staging.';
