"""Coverage-guided fuzzing of the byte-level loaders with atheris (part of ``make fuzz``, not of pytest).

    python -m tests.fuzz_atheris [RUNS]

One target: the first byte of each input picks the format (plain text, HTML or JSON Lines), the rest is
the file's bytes, and :func:`pipeline.process.process_payload` must take it without an exception and give
well-formed items (the checks of tests/test_fuzz.py). Atheris grows its inputs from the regression corpus
and the bundled seeds, guided by the lines of presswatch's own code they reach (decoding, binary sniffing,
the plain-text header rules, the JSON Lines reader, metadata and furniture rules). An input that breaks
the target is written to tests/fuzz_regressions/payloads/ (to be fixed, then kept as a regression test)
and ends the run with a non-zero status; a run without a crash prints one JSON line (inputs tried, seconds).
"""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path

import atheris

# presswatch's modules are imported under instrumentation, so atheris sees which of their lines run.
with atheris.instrument_imports(include=["transforms", "pipeline"]):
    from tests.fuzzing import REGRESSIONS
    from tests.test_fuzz import BASE_PROFILE, _check_payload  # the shared property checks
    from transforms.profile import parse_event_profile

FORMATS = ("txt", "html", "jsonl")
PROFILE = parse_event_profile(BASE_PROFILE)
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_tried = 0


def one_input(data: bytes) -> None:
    """The fuzz target: format byte, then the payload."""
    global _tried
    _tried += 1
    if not data:
        return
    name = f"fuzz.{FORMATS[data[0] % len(FORMATS)]}"
    try:
        _check_payload(name, data[1:], PROFILE)
    except Exception:
        crash = REGRESSIONS / "payloads" / f"atheris-{_tried}.{name.rsplit('.', 1)[1]}"
        crash.parent.mkdir(parents=True, exist_ok=True)
        crash.write_bytes(data[1:])
        print(json.dumps({"crash": str(crash)}), flush=True)
        raise


def _seed_corpus(folder: Path) -> None:
    """Starting inputs: the seed articles in each format, and every stored regression payload."""
    for k, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        text = path.read_bytes()
        (folder / f"seed-{k}-txt").write_bytes(bytes([0]) + text)
        html = b"<html><body><article><p>" + text.replace(b"\n", b"</p><p>") + b"</p></article></body></html>"
        (folder / f"seed-{k}-html").write_bytes(bytes([1]) + html)
        record = json.dumps({"title": path.stem, "text": text.decode("utf-8"), "published": "2026-01-06"})
        (folder / f"seed-{k}-jsonl").write_bytes(bytes([2]) + record.encode("utf-8") + b"\n")
    for stored in sorted((REGRESSIONS / "payloads").glob("*")):
        fmt = FORMATS.index(stored.suffix.lstrip(".")) if stored.suffix.lstrip(".") in FORMATS else 1
        (folder / f"regression-{stored.name}").write_bytes(bytes([fmt]) + stored.read_bytes())


def main() -> int:
    """Fuzz for RUNS inputs (default 20000) and print the totals."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as corpus:
        _seed_corpus(Path(corpus))
        argv = [sys.argv[0], f"-atheris_runs={runs}", "-max_len=20000", "-timeout=30", corpus]
        atheris.Setup(argv, one_input)
        with contextlib.suppress(SystemExit):  # atheris exits when the runs are done
            atheris.Fuzz()
    seconds = round(time.monotonic() - started)
    print(json.dumps({"target": "process_payload", "inputs": _tried, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
