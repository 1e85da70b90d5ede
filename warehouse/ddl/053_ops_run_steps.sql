CREATE TABLE IF NOT EXISTS ops.run_steps (
    run_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    step VARCHAR NOT NULL,
    seconds DOUBLE NOT NULL
);
COMMENT ON TABLE ops.run_steps IS 'How long each step of a run took, in the order they ran: where the time of a run goes.';
COMMENT ON COLUMN ops.run_steps.run_id IS 'Run (ops.runs.run_id).';
COMMENT ON COLUMN ops.run_steps.position IS 'Order of the step in the run (1 = first).';
COMMENT ON COLUMN ops.run_steps.step IS 'Step name, as the Prefect task is named (discover, load, fetch-articles, extract-and-stage, ...).';
COMMENT ON COLUMN ops.run_steps.seconds IS 'Wall-clock seconds the step took, Prefect task overhead included.';
