-- marts.entities: reach of each profile entity and every spelling seen.
WITH mentions AS (
    SELECT m.*, a.source_id, a.outlet
    FROM staging.entity_mentions AS m
    JOIN staging.articles AS a USING (article_id)
),
reach AS (
    SELECT
        entity_id,
        count(DISTINCT article_id) AS articles,
        sum(mention_count) AS mentions,
        count(DISTINCT (source_id, outlet)) AS sources,
        list_sort(list_distinct(list(variant))) AS variants_seen
    FROM mentions
    GROUP BY entity_id
)
SELECT
    e.entity_id,
    e.name,
    e.kind,
    coalesce(r.articles, 0) AS articles,
    coalesce(r.mentions, 0) AS mentions,
    coalesce(r.sources, 0) AS sources,
    coalesce(r.variants_seen, []) AS variants_seen
FROM staging.profile_entities AS e
LEFT JOIN reach AS r USING (entity_id)
