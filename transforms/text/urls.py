"""Canonical URLs: one spelling per article, so the same page found twice is fetched once."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit, urlunsplit

import courlan

__all__ = ["canonical_url"]


def canonical_url(url: str) -> str:
    """Normalise ``url``: lower-case scheme and host, default port, dot segments and fragment removed,
    tracking parameters (utm_*, fbclid, ...) dropped. A value that is not an http(s) URL with a host
    comes back stripped but otherwise as given."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return url.strip()
        path = posixpath.normpath(parts.path) if parts.path not in ("", "/") else parts.path
        if parts.path.endswith("/") and not path.endswith("/"):
            path += "/"  # normpath drops a trailing slash that can matter to the server
        cleaned = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
        return courlan.normalize_url(cleaned, strict=True)
    except (ValueError, TypeError, AttributeError):
        return url.strip()
