-- marts.topic_article_coverage: salience of every profile topic in every article.
SELECT
    p.topic_id,
    p.label,
    a.article_id,
    a.source_id,
    a.outlet,
    coalesce(t.matched_sentences, 0) AS matched_sentences,
    coalesce(t.total_sentences, 0) AS total_sentences,
    coalesce(t.salience, 0) AS salience,
    coalesce(t.keywords_seen, []) AS keywords_seen
FROM staging.articles AS a
CROSS JOIN staging.profile_topics AS p
LEFT JOIN staging.topic_scores AS t
    ON t.article_id = a.article_id AND t.topic_id = p.topic_id
