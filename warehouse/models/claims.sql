-- marts.claims: every comparable claim with its evidence.
SELECT
    c.article_id,
    staging.source_label(a.outlet, a.origin) AS source_label,
    a.outlet,
    a.published_date,
    c.claim_type,
    c.value,
    c.value_number,
    c.value_date,
    c.unit,
    c.qualifier,
    c.value_as_written,
    c.sentence AS evidence,
    c.note,
    coalesce(c.in_headline, false) AS in_headline
FROM staging.claims AS c
JOIN staging.articles AS a USING (article_id)
