-- Data-quality history for people: per run, what failed and on how many rows; per article, why it
-- was quarantined. Views over dq.* and ops.runs, so they are always current and cost nothing to keep.

CREATE OR REPLACE VIEW dq.run_history AS
WITH suites AS (
    SELECT
        run_id,
        count(*) AS suites_validated,
        count(*) FILTER (WHERE NOT success) AS suites_failed,
        sum(expectations) AS expectations_evaluated,
        sum(failed) AS expectations_failed,
        max(data_docs) AS data_docs
    FROM dq.validations
    GROUP BY run_id
),
failed_rows AS (
    SELECT run_id, sum(coalesce(unexpected_count, 0)) AS failing_rows
    FROM dq.expectation_results
    WHERE NOT success
    GROUP BY run_id
),
quarantined AS (
    SELECT run_id, count(DISTINCT article_id) AS articles_quarantined
    FROM dq.quarantine
    GROUP BY run_id
)
SELECT
    r.run_id,
    r.started_at,
    r.finished_at,
    r.status,
    coalesce(s.suites_validated, 0) AS suites_validated,
    coalesce(s.suites_failed, 0) AS suites_failed,
    coalesce(s.expectations_evaluated, 0) AS expectations_evaluated,
    coalesce(s.expectations_failed, 0) AS expectations_failed,
    coalesce(f.failing_rows, 0) AS failing_rows,
    coalesce(q.articles_quarantined, 0) AS articles_quarantined,
    s.data_docs
FROM ops.runs AS r
LEFT JOIN suites AS s USING (run_id)
LEFT JOIN failed_rows AS f USING (run_id)
LEFT JOIN quarantined AS q USING (run_id);
COMMENT ON VIEW dq.run_history IS 'One row per run: how its quality gate went (suites and expectations failed, rows failing, articles quarantined). Newest first: ORDER BY started_at DESC.';
COMMENT ON COLUMN dq.run_history.run_id IS 'Run (ops.runs.run_id).';
COMMENT ON COLUMN dq.run_history.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN dq.run_history.finished_at IS 'When the run ended (UTC); NULL while running or if the process died.';
COMMENT ON COLUMN dq.run_history.status IS 'How the run ended (see ops.runs.status).';
COMMENT ON COLUMN dq.run_history.suites_validated IS 'Expectation suites validated in the run (0 when nothing changed).';
COMMENT ON COLUMN dq.run_history.suites_failed IS 'Suites that failed or could not run.';
COMMENT ON COLUMN dq.run_history.expectations_evaluated IS 'Expectations evaluated over all suites.';
COMMENT ON COLUMN dq.run_history.expectations_failed IS 'Expectations that failed or raised.';
COMMENT ON COLUMN dq.run_history.failing_rows IS 'Rows failing, summed over failed expectations (a row failing two expectations counts twice).';
COMMENT ON COLUMN dq.run_history.articles_quarantined IS 'Distinct articles the run moved to dq.quarantine.';
COMMENT ON COLUMN dq.run_history.data_docs IS 'Great Expectations Data Docs index for the run.';

CREATE OR REPLACE VIEW dq.failed_expectations AS
SELECT
    e.run_id,
    r.started_at AS run_started_at,
    r.status AS run_status,
    e.suite,
    v.table_name,
    e.expectation,
    e.column_name,
    e.raised,
    e.unexpected_count,
    e.element_count,
    e.message,
    e.failing_ids
FROM dq.expectation_results AS e
LEFT JOIN dq.validations AS v USING (run_id, suite)
LEFT JOIN ops.runs AS r USING (run_id)
WHERE NOT e.success;
COMMENT ON VIEW dq.failed_expectations IS 'Every expectation that failed or raised, per run and suite, with how many rows failed it and which.';
COMMENT ON COLUMN dq.failed_expectations.run_id IS 'Run (ops.runs.run_id).';
COMMENT ON COLUMN dq.failed_expectations.run_started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN dq.failed_expectations.run_status IS 'How the run ended (blocked when the gate stopped it).';
COMMENT ON COLUMN dq.failed_expectations.suite IS 'Expectation suite.';
COMMENT ON COLUMN dq.failed_expectations.table_name IS 'Table validated (staging.articles or a candidate mart).';
COMMENT ON COLUMN dq.failed_expectations.expectation IS 'Expectation type.';
COMMENT ON COLUMN dq.failed_expectations.column_name IS 'Column checked, when it is about one column.';
COMMENT ON COLUMN dq.failed_expectations.raised IS 'True if evaluating it raised (counts as a failure).';
COMMENT ON COLUMN dq.failed_expectations.unexpected_count IS 'Rows that did not meet it.';
COMMENT ON COLUMN dq.failed_expectations.element_count IS 'Rows checked.';
COMMENT ON COLUMN dq.failed_expectations.message IS 'One-line explanation.';
COMMENT ON COLUMN dq.failed_expectations.failing_ids IS 'Ids of the failing rows.';

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
