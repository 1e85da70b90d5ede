CREATE TABLE IF NOT EXISTS staging.name_candidates (
    article_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    mention_count INTEGER NOT NULL,
    first_offset INTEGER NOT NULL,
    declared_for VARCHAR,
    declaration VARCHAR
);
-- Added after the first release: staging tables made before it gain the columns (NULL on old rows).
ALTER TABLE staging.name_candidates ADD COLUMN IF NOT EXISTS declared_for VARCHAR;
ALTER TABLE staging.name_candidates ADD COLUMN IF NOT EXISTS declaration VARCHAR;
COMMENT ON TABLE staging.name_candidates IS 'Capitalised names in staged articles that match no profile entity, and names an article declares equal to one (an acronym, "known locally as"): candidates for the profile.';
COMMENT ON COLUMN staging.name_candidates.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.name_candidates.name IS 'The name as written.';
COMMENT ON COLUMN staging.name_candidates.mention_count IS 'Occurrences in the article.';
COMMENT ON COLUMN staging.name_candidates.first_offset IS 'Offset of the first occurrence.';
COMMENT ON COLUMN staging.name_candidates.declared_for IS 'The profile entity the article declares this name equal to ("National Disaster Council (NDC)", "Typhoon Lumina, known locally as Dalisay"); NULL for an unknown name.';
COMMENT ON COLUMN staging.name_candidates.declaration IS 'The words of the article that declare it (provenance).';
