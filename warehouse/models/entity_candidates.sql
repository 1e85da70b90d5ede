-- marts.entity_candidates: recurring names the profile does not know yet, and names articles declare
-- equal to a profile entity (with the words that declare them).
SELECT
    c.name,
    count(DISTINCT c.article_id) AS articles,
    sum(c.mention_count) AS mentions,
    list_sort(list_distinct(list(staging.source_label(a.outlet, a.origin)))) AS source_labels,
    min(c.declared_for) AS declared_for,
    min(c.declaration) AS declaration
FROM staging.name_candidates AS c
JOIN staging.articles AS a USING (article_id)
GROUP BY c.name
HAVING sum(c.mention_count) >= 2 OR count(c.declared_for) > 0
