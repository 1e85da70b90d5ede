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
