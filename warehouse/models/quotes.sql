-- marts.quotes: quotations with speakers, and how widely each was carried.
WITH quotes AS (
    SELECT
        q.*,
        a.outlet,
        a.published_date,
        staging.source_label(a.outlet, a.origin) AS source_label,
        substr(a.text, q.evidence_start + 1, q.evidence_end - q.evidence_start) AS evidence
    FROM staging.quotes AS q
    JOIN staging.articles AS a USING (article_id)
),
carried AS (
    SELECT
        *,
        coalesce(quote_group, article_id || ':' || quote_index) AS carry_key
    FROM quotes
),
ranked AS (
    SELECT
        *,
        count(DISTINCT source_label) OVER (PARTITION BY carry_key) AS outlets_carrying,
        first_value(source_label) OVER (
            PARTITION BY carry_key ORDER BY published_date NULLS LAST, article_id
        ) AS first_carried_by,
        row_number() OVER (PARTITION BY carry_key ORDER BY published_date NULLS LAST, article_id) = 1
            AS is_first
    FROM carried
)
SELECT
    r.article_id || ':' || r.quote_index AS quote_id,
    r.article_id,
    r.source_label,
    r.outlet,
    r.published_date,
    r.quote_text,
    r.words,
    r.speaker_entity_id,
    e.name AS speaker_name,
    r.speaker_text,
    r.cue,
    r.start_offset,
    r.end_offset,
    r.evidence_start,
    r.evidence_end,
    r.evidence,
    r.quote_group,
    r.outlets_carrying,
    r.first_carried_by,
    r.is_first
FROM ranked AS r
LEFT JOIN staging.profile_entities AS e ON e.entity_id = r.speaker_entity_id
