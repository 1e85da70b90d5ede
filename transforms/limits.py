"""Size limits shared by every stage, so the fetcher, the file reader and the extractor agree."""

from __future__ import annotations

__all__ = ["MAX_PAYLOAD_BYTES"]

#: Largest payload presswatch reads, fetches (decoded) or extracts: 5 MiB. trafilatura needs ~9 s and
#: ~500 MB for an 18 MB page, and no news article comes near this size (NOTES.md section 4).
MAX_PAYLOAD_BYTES = 5 * 1024 * 1024
