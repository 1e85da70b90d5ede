CREATE TABLE IF NOT EXISTS staging.timeline_events (
    article_id VARCHAR NOT NULL,
    day DATE NOT NULL,
    what VARCHAR NOT NULL,
    date_text VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    happening VARCHAR
);
COMMENT ON TABLE staging.timeline_events IS 'Dated happenings mentioned in staged articles.';
COMMENT ON COLUMN staging.timeline_events.article_id IS 'Article (staging.articles.article_id).';
COMMENT ON COLUMN staging.timeline_events.day IS 'Day of the happening.';
COMMENT ON COLUMN staging.timeline_events.what IS 'The sentence describing it (trimmed).';
COMMENT ON COLUMN staging.timeline_events.date_text IS 'The date as written.';
COMMENT ON COLUMN staging.timeline_events.start_offset IS 'Offset of the evidence sentence.';
COMMENT ON COLUMN staging.timeline_events.end_offset IS 'End of the evidence sentence.';
COMMENT ON COLUMN staging.timeline_events.happening IS 'Group of mentions of the same happening across articles (same day, similar wording).';
