"""What one article says: entity mentions, topics, quotations, claims, dated happenings, unknown
names; :mod:`transforms.analysis.enrichment` runs them all."""
