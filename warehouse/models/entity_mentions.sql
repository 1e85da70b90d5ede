-- marts.entity_mentions: canonical entity, spelling seen, article, count.
SELECT
    m.entity_id,
    e.name AS entity_name,
    e.kind,
    m.variant,
    m.article_id,
    a.source_id,
    a.outlet,
    m.mention_count,
    m.first_offset
FROM staging.entity_mentions AS m
JOIN staging.articles AS a USING (article_id)
JOIN staging.profile_entities AS e USING (entity_id)
