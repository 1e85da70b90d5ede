-- marts.topic_coverage: every profile topic against every source, zero coverage included.
WITH labelled AS (
    SELECT *, staging.source_label(outlet, origin) AS source_label FROM staging.articles
),
sources AS (
    SELECT source_id, source_label, any_value(outlet) AS outlet, count(*) AS articles_total
    FROM labelled
    GROUP BY source_id, source_label
),
scores AS (
    SELECT a.source_id, a.source_label, t.*
    FROM labelled AS a
    JOIN staging.topic_scores AS t USING (article_id)
),
per_source AS (
    SELECT
        source_id,
        source_label,
        topic_id,
        count(*) FILTER (WHERE matched_sentences > 0) AS articles_covering,
        sum(salience) AS salience_sum,
        list_distinct(flatten(list(keywords_seen))) AS keywords_seen
    FROM scores
    GROUP BY ALL
)
SELECT
    p.topic_id,
    p.label,
    s.source_id,
    s.source_label,
    s.outlet,
    s.articles_total,
    coalesce(c.articles_covering, 0) AS articles_covering,
    coalesce(c.articles_covering, 0) / s.articles_total AS share_of_articles,
    coalesce(c.salience_sum, 0) / s.articles_total AS mean_salience,
    coalesce(list_sort(c.keywords_seen), []) AS keywords_seen
FROM staging.profile_topics AS p
CROSS JOIN sources AS s
LEFT JOIN per_source AS c
    ON c.topic_id = p.topic_id AND c.source_id = s.source_id AND c.source_label = s.source_label
