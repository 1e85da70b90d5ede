CREATE TABLE IF NOT EXISTS staging.name_candidates (
    article_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    mention_count INTEGER NOT NULL,
    first_offset INTEGER NOT NULL
);
COMMENT ON TABLE staging.name_candidates IS 'Capitalised names in staged articles that match no profile entity: candidates for the profile.';
COMMENT ON COLUMN staging.name_candidates.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.name_candidates.name IS 'The name as written.';
COMMENT ON COLUMN staging.name_candidates.mention_count IS 'Occurrences in the article.';
COMMENT ON COLUMN staging.name_candidates.first_offset IS 'Offset of the first occurrence.';
