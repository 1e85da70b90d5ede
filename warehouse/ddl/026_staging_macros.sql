-- How an article's source is named in per-outlet tables. Articles that name no outlet are kept
-- apart by file name (or by web host) instead of being lumped into one "unknown" outlet.
CREATE OR REPLACE MACRO staging.source_label(outlet, origin) AS
    CASE
        WHEN outlet <> 'unknown' THEN outlet
        WHEN regexp_matches(origin, '^https?://') THEN 'unknown: ' || regexp_extract(origin, '^https?://([^/:#?]+)', 1)
        ELSE 'unknown: ' || regexp_extract(regexp_replace(origin, '#L[0-9]+$', ''), '[^/]+$')
    END;
