-- marts.entity_outlets: entity x outlet reach, spellings and first/last dated mention.
WITH mentions AS (
    SELECT m.*, a.published_date, staging.source_label(a.outlet, a.origin) AS source_label
    FROM staging.entity_mentions AS m
    JOIN staging.articles AS a USING (article_id)
)
SELECT
    m.entity_id,
    e.name,
    e.kind,
    m.source_label,
    count(DISTINCT m.article_id) AS articles,
    sum(m.mention_count) AS mentions,
    list_sort(list_distinct(list(m.variant))) AS variants_seen,
    min(m.published_date) AS first_mentioned,
    max(m.published_date) AS last_mentioned
FROM mentions AS m
JOIN staging.profile_entities AS e USING (entity_id)
GROUP BY ALL
