-- marts.articles: one row per staged article, with its reach into the profile.
WITH source AS (
    SELECT * FROM staging.articles
),
entity_reach AS (
    SELECT article_id, count(DISTINCT entity_id) AS entities_mentioned
    FROM staging.entity_mentions
    GROUP BY article_id
),
ranked_topics AS (
    SELECT
        article_id,
        topic_id,
        row_number() OVER (PARTITION BY article_id ORDER BY salience DESC, topic_id) AS rank
    FROM staging.topic_scores
    WHERE matched_sentences > 0
),
final AS (
    SELECT
        s.article_id,
        s.title,
        s.outlet,
        s.outlet_provenance,
        staging.source_label(s.outlet, s.origin) AS source_label,
        s.source_id,
        s.origin,
        s.url,
        s.language,
        s.byline,
        s.authors,
        s.published_date,
        s.updated_date,
        s.date_provenance,
        s.word_count,
        coalesce(e.entities_mentioned, 0) AS entities_mentioned,
        t.topic_id AS top_topic,
        s.text,
        s.extraction_quality,
        s.extractor,
        s.extractor_version,
        s.profile_version,
        s.loaded_at
    FROM source AS s
    LEFT JOIN entity_reach AS e USING (article_id)
    LEFT JOIN ranked_topics AS t ON t.article_id = s.article_id AND t.rank = 1
)
SELECT * FROM final
