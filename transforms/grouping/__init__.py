"""Across articles: near-duplicate stories, the same quotation in several outlets, shared
happenings, and claims outlets disagree on."""
