"""Word counts hold for scripts written without spaces."""

from __future__ import annotations

import pytest

from transforms.text.words import count_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("President Lee arrived in Beijing on Sunday.", 7),
        ("  spaced   out\n\nlines  ", 3),
        ("李在明总统抵达北京。", 9),  # nine characters, the full stop is not a word
        ("東京で会見", 5),
        ("이재명 대통령이 베이징에 도착했다.", 4),  # Korean separates its words with spaces
        ("Xi 习近平 met Lee", 6),
        ("", 0),
    ],
)
def test_words_are_counted_in_every_script(text: str, words: int) -> None:
    assert count_words(text) == words
