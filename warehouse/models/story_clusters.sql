-- marts.story_clusters: near-duplicate groups with the likely original marked.
WITH members AS (
    SELECT c.*, a.outlet, a.source_id, a.title, a.published_date
    FROM staging.story_clusters AS c
    JOIN staging.articles AS a USING (article_id)
)
SELECT
    cluster_id,
    article_id,
    cluster_size,
    similarity,
    outlet,
    source_id,
    title,
    published_date,
    row_number() OVER (
        PARTITION BY cluster_id ORDER BY published_date NULLS LAST, article_id
    ) = 1 AS first_in_cluster
FROM members
