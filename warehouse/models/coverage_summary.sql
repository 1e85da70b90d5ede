-- marts.coverage_summary: one row describing the coverage this run publishes.
-- Parameters: $event_id, $event_name, $event_start, $event_end, $quality_status, $run_id.
WITH articles AS (
    SELECT * FROM staging.articles
),
topic_rank AS (
    SELECT topic_id, count(*) FILTER (WHERE matched_sentences > 0) AS covering
    FROM staging.topic_scores
    WHERE article_id IN (SELECT article_id FROM articles)
    GROUP BY topic_id
),
entity_rank AS (
    SELECT entity_id, count(DISTINCT article_id) AS reach, sum(mention_count) AS mentions
    FROM staging.entity_mentions
    WHERE article_id IN (SELECT article_id FROM articles)
    GROUP BY entity_id
)
SELECT
    $event_id AS event_id,
    $event_name AS event_name,
    CAST($event_start AS DATE) AS event_start,
    CAST($event_end AS DATE) AS event_end,
    (SELECT count(*) FROM articles) AS articles,
    (SELECT count(DISTINCT (source_id, staging.source_label(outlet, origin))) FROM articles) AS sources,
    (SELECT count(DISTINCT outlet) FILTER (WHERE outlet <> 'unknown') FROM articles) AS outlets_known,
    (SELECT min(published_date) FROM articles) AS first_published,
    (SELECT max(published_date) FROM articles) AS last_published,
    (SELECT count(*) FILTER (WHERE published_date IS NULL) FROM articles) AS undated_articles,
    coalesce(
        (SELECT list(topic_id ORDER BY covering DESC, topic_id)[1:5] FROM topic_rank WHERE covering > 0), []
    ) AS top_topics,
    coalesce(
        (SELECT list(entity_id ORDER BY reach DESC, mentions DESC, entity_id)[1:5] FROM entity_rank), []
    ) AS top_entities,
    $quality_status AS quality_status,
    (SELECT count(DISTINCT article_id) FROM dq.quarantine) AS quarantined_articles,
    $run_id AS run_id,
    CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP) AS built_at
