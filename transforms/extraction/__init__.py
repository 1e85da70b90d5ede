"""From a payload's bytes to one article: payload checks, HTML/plain-text/JSON Lines extraction,
boilerplate, metadata, and the staging row of the article."""
