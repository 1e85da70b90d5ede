"""Consistency check of this gold folder: see bench/gold_check.py (data only; no presswatch code involved)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from bench.gold_check import check

if __name__ == "__main__":
    sys.exit(check(Path(__file__).resolve().parent))
