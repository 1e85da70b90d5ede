CREATE TABLE IF NOT EXISTS dq.validations (
    run_id VARCHAR NOT NULL,
    suite VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    success BOOLEAN NOT NULL,
    row_count BIGINT NOT NULL,
    expectations INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    error VARCHAR,
    data_docs VARCHAR,
    validated_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE dq.validations IS 'One row per suite validated per run: did the table pass the quality gate.';
COMMENT ON COLUMN dq.validations.run_id IS 'Run (ops.runs.run_id).';
COMMENT ON COLUMN dq.validations.suite IS 'Expectation suite name.';
COMMENT ON COLUMN dq.validations.table_name IS 'Table validated (a staging table or a candidate mart).';
COMMENT ON COLUMN dq.validations.success IS 'True only if every expectation passed and none raised.';
COMMENT ON COLUMN dq.validations.row_count IS 'Rows validated.';
COMMENT ON COLUMN dq.validations.expectations IS 'Expectations evaluated.';
COMMENT ON COLUMN dq.validations.failed IS 'Expectations that failed or raised.';
COMMENT ON COLUMN dq.validations.error IS 'Why the validation itself could not run, if it could not (counts as a failure).';
COMMENT ON COLUMN dq.validations.data_docs IS 'Path of the Great Expectations Data Docs index for this run.';
COMMENT ON COLUMN dq.validations.validated_at IS 'When the suite was validated (UTC).';

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

CREATE TABLE IF NOT EXISTS dq.quarantine (
    run_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    failed_expectations VARCHAR[] NOT NULL,
    reasons VARCHAR NOT NULL,
    row_json JSON NOT NULL,
    quarantined_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE dq.quarantine IS 'Articles that failed the quality gate, removed from staging with the full row kept, so nothing is lost and nothing unvalidated is published.';
COMMENT ON COLUMN dq.quarantine.run_id IS 'Run whose gate failed the article.';
COMMENT ON COLUMN dq.quarantine.article_id IS 'Article id.';
COMMENT ON COLUMN dq.quarantine.source_id IS 'Source id.';
COMMENT ON COLUMN dq.quarantine.origin IS 'File path or URL of the document.';
COMMENT ON COLUMN dq.quarantine.failed_expectations IS 'Expectations the article failed.';
COMMENT ON COLUMN dq.quarantine.reasons IS 'Human-readable reasons, one per failed expectation.';
COMMENT ON COLUMN dq.quarantine.row_json IS 'The staging row as JSON.';
COMMENT ON COLUMN dq.quarantine.quarantined_at IS 'When it was quarantined (UTC).';
