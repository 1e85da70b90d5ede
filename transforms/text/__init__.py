"""Text tools every stage shares: folding and phrase matching, sentences, dates, characters, URLs."""
