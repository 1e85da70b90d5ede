-- marts.event_timeline: dated happenings, one row per happening, with who mentions it.
WITH events AS (
    SELECT
        t.*,
        a.published_date,
        staging.source_label(a.outlet, a.origin) AS source_label
    FROM staging.timeline_events AS t
    JOIN staging.articles AS a USING (article_id)
)
SELECT
    day,
    coalesce(happening, article_id || ':' || start_offset) AS happening,
    arg_min(what, coalesce(published_date, DATE '9999-12-31')) AS what,
    list_sort(list_distinct(list(source_label))) AS source_labels,
    count(DISTINCT article_id) AS articles,
    count(*) AS mentions
FROM events
GROUP BY day, coalesce(happening, article_id || ':' || start_offset)
