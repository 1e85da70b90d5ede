-- marts.entity_candidates: recurring names the profile does not know yet.
SELECT
    c.name,
    count(DISTINCT c.article_id) AS articles,
    sum(c.mention_count) AS mentions,
    list_sort(list_distinct(list(staging.source_label(a.outlet, a.origin)))) AS source_labels
FROM staging.name_candidates AS c
JOIN staging.articles AS a USING (article_id)
GROUP BY c.name
HAVING sum(c.mention_count) >= 2
