-- Data-quality history for people, per run: what failed and on how many rows. A view over dq.* and
-- ops.runs (like the two 060 views after it), so it is always current and costs nothing to keep.

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
