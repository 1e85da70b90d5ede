-- marts.claim_conflicts: claim types on which the coverage gives values that do not agree
-- (agreement allows the claim type's tolerance; grouping done by transforms.claims.find_conflicts).
WITH members AS (
    SELECT
        m.claim_type, m.value_group, m.distinct_values, c.*, staging.source_label(a.outlet, a.origin) AS label,
        coalesce(k.cluster_id, c.article_id) AS family
    FROM staging.claim_conflict_members AS m
    JOIN staging.claims AS c USING (article_id, claim_index)
    JOIN staging.articles AS a USING (article_id)
    LEFT JOIN staging.story_clusters AS k USING (article_id)
)
SELECT
    claim_type,
    value_group AS value,
    any_value(unit) AS unit,
    any_value(distinct_values) AS distinct_values,
    list_sort(list_distinct(list(label))) AS source_labels,
    count(DISTINCT article_id) AS articles,
    count(DISTINCT family) AS source_families,
    list_sort(list_distinct(list(value_as_written))) AS values_as_written,
    min(sentence) AS example_evidence
FROM members
GROUP BY claim_type, value_group
