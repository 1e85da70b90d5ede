"""Benchmark the plain-text transforms on 1 MB inputs against a linear-scan baseline from the same run.

Usage: ``python bench/bench_transforms.py``. Speed and memory targets belong in benchmarks like this
one, not in timed unit tests; the unit tests only run smaller pathological inputs under a hang guard.

What is timed, each on inputs of about 1 MB (10**6 characters):

- ``clean_text`` (transforms.extraction.boilerplate), ``extract_plaintext`` (transforms.extraction.plaintext),
  ``infer_publication_date`` (transforms.text.dates, window 2025-12-05..2027-01-07),
  ``find_entity_mentions`` (transforms.analysis.entities) and ``score_topics``
  (transforms.analysis.topics), the last two with the profile in ``seeds/event.toml``;
- on ``seeds`` (the five seed articles repeated: realistic text), plus the pathological inputs the
  unit tests use to catch catastrophic regex backtracking (one short chunk such as ``"Lee "``,
  ``"U.S. "`` or ``"[1"`` repeated, and a few dense synthetic articles), each function on the inputs
  that target it.

The baseline is a plain linear pass over the same text, ``text.lower().split()`` plus
``re.findall(r"\\w+", text)``, measured in the same run on the same input, so the ratios do not depend
on how fast the machine is. Every figure is the best of 3 repetitions. Runs in about a minute.

Output: one JSON object with

- ``baseline``: per input, ``seconds`` and ``mb_per_s`` (MB = 10**6 UTF-8 bytes);
- ``functions``: per function and input, ``seconds``, ``mb_per_s`` and ``ratio`` (function seconds /
  baseline seconds on that input: 10 means ten times slower than one linear pass);
- ``worst_case_ratio``: the largest ratio, and ``worst_case`` naming its function and input.

How to read it: linear-time code stays within a roughly constant ratio whatever the input; a ratio
on a pathological input far above the same function's ratio on ``seeds`` (hundreds rather than tens)
means super-linear behaviour such as regex backtracking, and grows with input size.
"""

from __future__ import annotations

import gc
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without the package installed
    sys.path.insert(0, str(ROOT))

from transforms.analysis.entities import find_entity_mentions  # noqa: E402
from transforms.analysis.topics import score_topics  # noqa: E402
from transforms.extraction.boilerplate import clean_text  # noqa: E402
from transforms.extraction.plaintext import extract_plaintext  # noqa: E402
from transforms.profile import parse_event_profile  # noqa: E402
from transforms.text.dates import infer_publication_date  # noqa: E402

__all__ = ["main"]

SIZE = 1_000_000
REPETITIONS = 3
WINDOW = (date(2025, 12, 5), date(2027, 1, 7))


def _repeat(chunk: str) -> str:
    return chunk * (SIZE // len(chunk))


def _seeds() -> str:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (corpus * (SIZE // len(corpus) + 1))[:SIZE]


def _paragraphs(template: str, sep: str = "\n\n") -> str:
    """Numbered copies of ``template`` (with ``{i}``) joined by ``sep``, cut to about SIZE characters."""
    count = SIZE // len(template.format(i=10_000) + sep) + 1
    return sep.join(template.format(i=i) for i in range(count))[:SIZE]


CHUNKS: dict[str, str] = {}  # input name -> the chunk repeated to make it


def _r(chunk: str) -> str:
    """The input name for ``chunk`` repeated to about SIZE characters (ASCII-escaped, as in Python)."""
    name = f"repeat {chunk!a}"
    CHUNKS[name] = chunk
    return name


# Which inputs each function runs on: seeds plus the pathological inputs the unit tests aimed at it.
PLAN: dict[str, list[str]] = {
    "clean_text": [
        "seeds", "article-furniture", "wrapped-lines",
        _r("word "), _r("[1"), _r("Read more\n"), _r("Foo. Related: "), _r("\n"),
    ],
    "extract_plaintext": [
        "seeds", "article-datelines", "article-furniture",
        _r("[1"), _r("Read more\n"), _r("Foo. Related: "), _r("Lee "),
    ],
    "infer_publication_date": ["seeds", "article-dates", _r("1 "), _r("Jan "), _r("[1"), _r("2026-")],
    "find_entity_mentions": [
        "seeds", _r("Lee "), _r("Kim Jong "), _r("U.S. "), _r("a-"), _r("."), _r("x"),
        _r("Nicola\u0301s "), _r("Lee Jae-"),
    ],
    "score_topics": ["seeds", _r("."), _r("Mr. "), _r("Wow! "), _r("U.S. "), _r("a"), _r("\u2026")],
}  # fmt: skip


def build_inputs() -> dict[str, str]:
    """Every named input, about SIZE characters each."""
    inputs = {
        "seeds": _seeds(),
        "article-furniture": _paragraphs(
            "Paragraph {i}: Lee met Xi on January 5 [1] and said 2026 mattered. Read more: x"
        ),
        "article-datelines": "Diplomacy\n\nLee meets Xi\n\nBy Jane Doe, Reuters\n\n"
        + _paragraphs("Paragraph {i}: SEOUL - Lee met Xi on January 5 [1] in Beijing."),
        "article-dates": " ".join(
            f"On January {1 + i % 28} 2026 and Jan. 4-7 and 12 May in 2016 on Monday." for i in range(14_000)
        )[:SIZE],
        "wrapped-lines": _repeat("x" * 60 + "\n"),
    }
    inputs.update({name: _repeat(chunk) for name, chunk in CHUNKS.items()})
    return inputs


def baseline(text: str) -> object:
    """A plain linear pass: lower-case and split, then one simple regex scan."""
    return len(text.lower().split()) + len(re.findall(r"\w+", text))


def best_of(func: Callable[[str], object], text: str) -> float:
    """Fastest of REPETITIONS runs, in seconds."""
    best = float("inf")
    for _ in range(REPETITIONS):
        gc.collect()
        started = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - started)
    return best


def _figures(seconds: float, text: str) -> dict[str, float]:
    megabytes = len(text.encode("utf-8")) / 1e6
    return {"seconds": round(seconds, 4), "mb_per_s": round(megabytes / seconds, 2)}


def main() -> int:
    profile = parse_event_profile((ROOT / "seeds" / "event.toml").read_text(encoding="utf-8"))
    functions: dict[str, Callable[[str], object]] = {
        "clean_text": clean_text,
        "extract_plaintext": extract_plaintext,
        "infer_publication_date": lambda text: infer_publication_date(text, *WINDOW),
        "find_entity_mentions": lambda text: find_entity_mentions(text, profile),
        "score_topics": lambda text: score_topics(text, profile),
    }
    inputs = build_inputs()
    for name in (name for names in PLAN.values() for name in names):
        if name not in inputs:
            raise KeyError(f"PLAN names an unknown input: {name}")
    for func in functions.values():  # compile matchers and warm caches outside the timings
        func(inputs["seeds"][:20_000])

    base: dict[str, float] = {}
    results: dict[str, dict[str, dict[str, float]]] = {}
    worst = {"ratio": 0.0, "function": "", "input": ""}
    for func_name, input_names in PLAN.items():
        results[func_name] = {}
        for input_name in input_names:
            text = inputs[input_name]
            if input_name not in base:
                base[input_name] = best_of(baseline, text)
            seconds = best_of(functions[func_name], text)
            ratio = seconds / base[input_name]
            results[func_name][input_name] = {**_figures(seconds, text), "ratio": round(ratio, 2)}
            if ratio > worst["ratio"]:
                worst = {"ratio": ratio, "function": func_name, "input": input_name}

    report = {
        "input_chars": SIZE,
        "repetitions": REPETITIONS,
        "baseline": {
            "description": 'text.lower().split() + re.findall(r"\\w+", text)',
            "inputs": {name: _figures(seconds, inputs[name]) for name, seconds in base.items()},
        },
        "functions": results,
        "worst_case_ratio": round(worst["ratio"], 2),
        "worst_case": {"function": worst["function"], "input": worst["input"]},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
