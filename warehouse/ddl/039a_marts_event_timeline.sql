CREATE TABLE IF NOT EXISTS marts.event_timeline (
    day DATE NOT NULL,
    happening VARCHAR NOT NULL,
    what VARCHAR NOT NULL,
    source_labels VARCHAR[] NOT NULL,
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL
);
COMMENT ON TABLE marts.event_timeline IS 'Dated happenings the articles mention, one row per happening and day, with the outlets that mention it.';
COMMENT ON COLUMN marts.event_timeline.day IS 'Day of the happening.';
COMMENT ON COLUMN marts.event_timeline.happening IS 'Id of the group of similar mentions on that day.';
COMMENT ON COLUMN marts.event_timeline.what IS 'A representative sentence (the earliest article''s).';
COMMENT ON COLUMN marts.event_timeline.source_labels IS 'Outlets (or unknown-outlet articles) mentioning it.';
COMMENT ON COLUMN marts.event_timeline.articles IS 'Articles mentioning it.';
COMMENT ON COLUMN marts.event_timeline.mentions IS 'Mentions in all.';
