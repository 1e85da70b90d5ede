CREATE TABLE IF NOT EXISTS staging.article_shingles (
    article_id VARCHAR NOT NULL,
    shingles BLOB NOT NULL
);
COMMENT ON TABLE staging.article_shingles IS 'Each staged article''s word 5-gram hashes, computed where the article is analysed, so near-duplicate clusters are rebuilt without re-reading every text.';
COMMENT ON COLUMN staging.article_shingles.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.article_shingles.shingles IS 'Sorted distinct CRC-32 hashes of the case-folded word 5-grams, as little-endian unsigned 32-bit integers.';
