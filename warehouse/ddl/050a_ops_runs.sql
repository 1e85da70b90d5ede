CREATE TABLE IF NOT EXISTS ops.runs (
    run_id VARCHAR NOT NULL PRIMARY KEY,
    flow_run_id VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    event_id VARCHAR,
    profile_version VARCHAR,
    sources_file VARCHAR,
    event_file VARCHAR,
    counts JSON,
    message VARCHAR,
    duration_seconds DOUBLE
);
ALTER TABLE ops.runs ADD COLUMN IF NOT EXISTS duration_seconds DOUBLE;
COMMENT ON TABLE ops.runs IS 'One row per pipeline run: when, on what, and how it ended.';
COMMENT ON COLUMN ops.runs.run_id IS 'Run id (UTC timestamp plus random suffix).';
COMMENT ON COLUMN ops.runs.flow_run_id IS 'Prefect flow run id, to find the run in the Prefect UI.';
COMMENT ON COLUMN ops.runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN ops.runs.finished_at IS 'End (UTC); NULL while running or if the process died.';
COMMENT ON COLUMN ops.runs.status IS 'running, published (new marts published), unchanged (nothing new: marts kept), blocked (quality gate failed: marts kept), failed (error: marts kept) or interrupted (the process died; closed by the next run).';
COMMENT ON COLUMN ops.runs.event_id IS 'Event profile id.';
COMMENT ON COLUMN ops.runs.profile_version IS 'Event profile version (hash of the file).';
COMMENT ON COLUMN ops.runs.sources_file IS 'sources.toml used.';
COMMENT ON COLUMN ops.runs.event_file IS 'event.toml used.';
COMMENT ON COLUMN ops.runs.counts IS 'JSON: items per outcome, and rows published per mart.';
COMMENT ON COLUMN ops.runs.message IS 'Summary or error message.';
COMMENT ON COLUMN ops.runs.duration_seconds IS 'Wall-clock seconds from start to end of the run.';
