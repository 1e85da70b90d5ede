-- Layers of the warehouse, in the order data moves through them.
-- (DuckDB 1.4 cannot COMMENT ON SCHEMA; the README describes each layer.)
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS candidate;
CREATE SCHEMA IF NOT EXISTS marts;
CREATE SCHEMA IF NOT EXISTS dq;
CREATE SCHEMA IF NOT EXISTS ops;
-- raw: 'Archive of every payload loaded, byte for byte, so extraction can be re-run without reading sources again.'
-- staging: 'Clean articles, their provenance, and the entities and topics derived from them; input to the marts.'
-- candidate: 'Write-Audit-Publish workspace: marts built by the current run, not yet validated. Do not query for analysis.'
-- marts: 'Published coverage tables. Only validated data reaches this schema, in one transaction per run.'
-- dq: 'Data-quality history: validation results per run and quarantined rows with their reasons.'
-- ops: 'Run log and per-item accounting: every discovered item ends with exactly one outcome per run.'
