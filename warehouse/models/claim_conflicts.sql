-- marts.claim_conflicts: claim types on which the coverage gives more than one value.
WITH claims AS (
    SELECT c.*, staging.source_label(a.outlet, a.origin) AS source_label
    FROM staging.claims AS c
    JOIN staging.articles AS a USING (article_id)
),
per_value AS (
    SELECT
        claim_type,
        value,
        any_value(unit) AS unit,
        list_sort(list_distinct(list(source_label))) AS source_labels,
        count(DISTINCT article_id) AS articles,
        list_sort(list_distinct(list(value_as_written))) AS values_as_written,
        min(sentence) AS example_evidence
    FROM claims
    GROUP BY claim_type, value
),
disputed AS (
    SELECT claim_type, count(*) AS distinct_values
    FROM per_value
    GROUP BY claim_type
    HAVING count(*) > 1
)
SELECT
    v.claim_type,
    v.value,
    v.unit,
    d.distinct_values,
    v.source_labels,
    v.articles,
    v.values_as_written,
    v.example_evidence
FROM per_value AS v
JOIN disputed AS d USING (claim_type)
