-- marts.coverage_daily: articles per publication day; undated articles kept as a NULL day.
SELECT
    published_date,
    source_id,
    staging.source_label(outlet, origin) AS source_label,
    any_value(outlet) AS outlet,
    count(*) AS articles,
    sum(word_count) AS words,
    count(*) FILTER (WHERE date_provenance LIKE 'inferred:%') AS inferred_dates
FROM staging.articles
GROUP BY published_date, source_id, staging.source_label(outlet, origin)
