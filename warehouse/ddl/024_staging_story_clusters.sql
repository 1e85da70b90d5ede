CREATE TABLE IF NOT EXISTS staging.story_clusters (
    article_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    cluster_size INTEGER NOT NULL,
    similarity DOUBLE
);
COMMENT ON TABLE staging.story_clusters IS 'Near-duplicate groups of staged articles (syndicated copies, light rewrites), rebuilt whenever the set of staged articles changes.';
COMMENT ON COLUMN staging.story_clusters.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.story_clusters.cluster_id IS 'Cluster: the smallest article_id among its members.';
COMMENT ON COLUMN staging.story_clusters.cluster_size IS 'Articles in the cluster (1: no copy found).';
COMMENT ON COLUMN staging.story_clusters.similarity IS 'Highest Jaccard similarity of word 5-grams to another member; NULL when alone.';
