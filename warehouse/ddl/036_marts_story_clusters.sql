CREATE TABLE IF NOT EXISTS marts.story_clusters (
    cluster_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    cluster_size INTEGER NOT NULL,
    similarity DOUBLE,
    outlet VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    title VARCHAR,
    published_date DATE,
    first_in_cluster BOOLEAN NOT NULL
);
COMMENT ON TABLE marts.story_clusters IS 'Articles grouped by near-duplicate text: the same wire copy or rewrites of it across outlets. Filter cluster_size > 1 for syndication.';
COMMENT ON COLUMN marts.story_clusters.cluster_id IS 'Cluster id (the smallest article_id in it).';
COMMENT ON COLUMN marts.story_clusters.article_id IS 'Article (marts.articles.article_id).';
COMMENT ON COLUMN marts.story_clusters.cluster_size IS 'Articles in the cluster.';
COMMENT ON COLUMN marts.story_clusters.similarity IS 'Highest text similarity (Jaccard of word 5-grams, 0..1) to another member; NULL when alone.';
COMMENT ON COLUMN marts.story_clusters.outlet IS 'Outlet.';
COMMENT ON COLUMN marts.story_clusters.source_id IS 'Source in sources.toml.';
COMMENT ON COLUMN marts.story_clusters.title IS 'Headline.';
COMMENT ON COLUMN marts.story_clusters.published_date IS 'Publication date.';
COMMENT ON COLUMN marts.story_clusters.first_in_cluster IS 'True for the earliest-dated member (ties and undated: smallest article_id), the likely original.';
