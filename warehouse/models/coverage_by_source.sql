-- marts.coverage_by_source: volume per source and outlet, with the topics each covered most.
WITH articles AS (
    SELECT article_id, source_id, staging.source_label(outlet, origin) AS source_label, outlet, word_count, published_date
    FROM staging.articles
),
topic_reach AS (
    SELECT
        a.source_id,
        a.source_label,
        a.outlet,
        t.topic_id,
        count(*) FILTER (WHERE t.matched_sentences > 0) AS covering,
        avg(t.salience) AS mean_salience
    FROM articles AS a
    JOIN staging.topic_scores AS t USING (article_id)
    GROUP BY ALL
),
top_topics AS (
    SELECT
        source_id,
        source_label,
        list(topic_id ORDER BY covering DESC, mean_salience DESC, topic_id)
            FILTER (WHERE covering > 0)[1:3] AS top_topics
    FROM topic_reach
    GROUP BY ALL
),
volume AS (
    SELECT
        source_id,
        source_label,
        any_value(outlet) AS outlet,
        count(*) AS articles,
        sum(word_count) AS words,
        count(published_date) AS dated_articles,
        min(published_date) AS first_published,
        max(published_date) AS last_published
    FROM articles
    GROUP BY ALL
)
SELECT
    v.source_id,
    v.source_label,
    v.outlet,
    v.articles,
    v.words,
    v.dated_articles,
    v.first_published,
    v.last_published,
    coalesce(t.top_topics, []) AS top_topics
FROM volume AS v
LEFT JOIN top_topics AS t USING (source_id, source_label)
