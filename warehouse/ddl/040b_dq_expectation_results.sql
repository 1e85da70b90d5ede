CREATE TABLE IF NOT EXISTS dq.expectation_results (
    run_id VARCHAR NOT NULL,
    suite VARCHAR NOT NULL,
    expectation VARCHAR NOT NULL,
    column_name VARCHAR,
    kwargs JSON,
    success BOOLEAN NOT NULL,
    raised BOOLEAN NOT NULL,
    unexpected_count BIGINT,
    element_count BIGINT,
    message VARCHAR NOT NULL,
    failing_ids VARCHAR[] NOT NULL
);
-- Added after the first release: warehouses made before it gain the column (NULL on old rows).
ALTER TABLE dq.expectation_results ADD COLUMN IF NOT EXISTS tier VARCHAR;
COMMENT ON TABLE dq.expectation_results IS 'Every expectation evaluated per run and suite, with how many rows failed it.';
COMMENT ON COLUMN dq.expectation_results.run_id IS 'Run (ops.runs.run_id).';
COMMENT ON COLUMN dq.expectation_results.suite IS 'Expectation suite name.';
COMMENT ON COLUMN dq.expectation_results.expectation IS 'Expectation type, e.g. expect_column_values_to_be_unique.';
COMMENT ON COLUMN dq.expectation_results.column_name IS 'Column checked, when the expectation is about one column.';
COMMENT ON COLUMN dq.expectation_results.kwargs IS 'JSON of the expectation''s arguments.';
COMMENT ON COLUMN dq.expectation_results.success IS 'Did it pass.';
COMMENT ON COLUMN dq.expectation_results.raised IS 'Did evaluating it raise an exception (a raised expectation blocks publishing like a failed one).';
COMMENT ON COLUMN dq.expectation_results.unexpected_count IS 'Rows that did not meet it.';
COMMENT ON COLUMN dq.expectation_results.element_count IS 'Rows checked.';
COMMENT ON COLUMN dq.expectation_results.message IS 'One-line explanation.';
COMMENT ON COLUMN dq.expectation_results.failing_ids IS 'Ids of the rows that failed (article_id for article tables).';
COMMENT ON COLUMN dq.expectation_results.tier IS 'row: a failure quarantines the failing rows and the rest of the batch is validated again and goes on; batch: about the batch as a whole (row count, columns, a share of rows), a failure blocks the publication.';
