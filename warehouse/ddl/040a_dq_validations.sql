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
