"""``presswatch profile check``: what a profile does to a folder, with no warehouse written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presswatch.cli import main

PROFILE = """
[event]
id = "harbour-fire"
name = "Harbour fire"
start = 2027-07-10
end = 2027-07-14

[[entities]]
id = "port-vela"
name = "Port Vela"
kind = "place"

[[entities]]
id = "ines-faro"
name = "Ines Faro"
kind = "person"
context_aliases = ["Faro"]

[[topics]]
id = "evacuation"
label = "Evacuation"
keywords = ["evacuated"]

[relevance]
any_of_entities = ["port-vela"]
min_mentions = 1

[[claims]]
id = "evacuees"
label = "People evacuated"
kind = "count"
unit = "people"
cues = ["evacuated"]
"""

ON_TOPIC = """Fire forces hundreds from Port Vela homes

12 July 2027

More than 400 people were evacuated from Port Vela on Monday as the fire reached the harbour, fire
chief Ines Faro said. Harbour master Tomas Brel said the ferries would stay in port.

Tomas Brel said crews had evacuated the docks twice since 2019, when 90 families left.
"""
OFF_TOPIC = """Markets steady

12 July 2027

Shares were little changed on Monday as traders waited for the inflation figures, Tomas Brel said.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "event.toml").write_text(PROFILE, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "fire.txt").write_text(ON_TOPIC, encoding="utf-8")
    (articles / "markets.txt").write_text(OFF_TOPIC, encoding="utf-8")
    (articles / "blank.txt").write_bytes(b"")
    return tmp_path


def test_check_reports_matches_off_topic_items_and_unknown_names(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["profile", "check", str(folder / "event.toml"), "--on", str(folder / "articles"), "--json"])
    assert code == 0
    found = json.loads(capsys.readouterr().out)
    articles = {a["item"]: a for a in found["articles"]}
    assert articles["fire.txt"]["on_topic"] is True
    assert articles["fire.txt"]["entities"] == {"port-vela": 1, "ines-faro": 1}  # the headline is the title
    assert articles["fire.txt"]["claims"] == [["evacuees", "More than 400"]]
    assert articles["markets.txt"]["on_topic"] is False
    reason = articles["markets.txt"]["reason"]
    assert "port-vela" in reason and "0 time(s)" in reason
    assert [item for item, _ in found["unreadable"]] == ["blank.txt"]
    assert "Tomas Brel" in articles["fire.txt"]["unknown_names"]
    # The cue in the second paragraph has a figure but no claim: shown as skipped, not silently lost.
    assert list(articles["fire.txt"]["skipped"]) == ["evacuees"]
    assert not list((folder).glob("**/*.duckdb"))


def test_the_text_report_names_what_was_never_seen(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "check", str(folder / "event.toml"), "--on", str(folder / "articles")]) == 0
    out = capsys.readouterr().out
    assert "2 articles, 1 on-topic" in out
    assert "off-topic   markets.txt" in out
    assert "unreadable  blank.txt" in out


def test_a_bad_profile_is_an_error_naming_the_key(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "event.toml").write_text(PROFILE.replace("context_aliases", "context_alias"), encoding="utf-8")
    assert main(["profile", "check", str(folder / "event.toml"), "--on", str(folder / "articles")]) == 2
    err = capsys.readouterr().err
    assert "[[entities]] #2 ('ines-faro') context_alias: unknown key, did you mean 'context_aliases'?" in err


ARTICLES = {
    "a.txt": """Port Vela fire forces evacuations

12 July 2027

The Civil Protection Agency (CPA) said on Monday that Port Vela residents should leave. Ines Faro said
crews were working through the night in Port Vela. Fire chief Ines Faro asked people to stay away.
""",
    "b.txt": """Fire reaches Port Vela harbour

13 July 2027

Ines Faro said the harbour was safe. The CPA said 400 people had left Port Vela by Tuesday evening.
""",
    "c.txt": """Rain helps crews near Port Vela

15 July 2027

Light rain fell in Port Vela overnight, and Ines Faro told reporters the worst was over.
""",
}


def test_init_drafts_a_profile_that_loads_and_names_what_the_folder_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from transforms.profile import parse_event_profile

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "draft.toml"
    assert main(["profile", "init", "--on", str(tmp_path), "--out", str(out), "--id", "port-vela-fire"]) == 0
    draft = parse_event_profile(out.read_text(encoding="utf-8"), str(out))
    assert (draft.id, draft.start.isoformat(), draft.end.isoformat()) == (
        "port-vela-fire",
        "2027-07-12",
        "2027-07-15",
    )
    kinds = {e.name: e.kind for e in draft.entities}
    assert kinds["Ines Faro"] == "person"
    assert kinds["Port Vela"] == "place"
    agency = next(e for e in draft.entities if e.name == "Civil Protection Agency")
    assert "CPA" in agency.variants
    # A second init never overwrites the file the user may have edited.
    assert main(["profile", "init", "--on", str(tmp_path), "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_init_ids_spell_accented_names_in_ascii(tmp_path: Path) -> None:
    from transforms.profile import parse_event_profile

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text.replace("Ines Faro", "Inês Faro"), encoding="utf-8")
    out = tmp_path / "draft.toml"
    assert main(["profile", "init", "--on", str(tmp_path), "--out", str(out)]) == 0
    ids = {e.name: e.id for e in parse_event_profile(out.read_text(encoding="utf-8")).entities}
    assert ids["Inês Faro"] == "ines-faro"


def test_an_off_topic_article_using_a_name_another_declares_says_so(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = folder / "articles"
    declaring = ON_TOPIC.replace(
        "from Port Vela on Monday", "from Port Vela, known locally as Velasca, on Monday"
    )
    (articles / "fire.txt").write_text(declaring, encoding="utf-8")
    local = "Velasca counts the damage\n\n13 July 2027\n\nIn Velasca, Ana Rivas said Velasca will rebuild.\n"
    (articles / "local.txt").write_text(local, encoding="utf-8")
    assert main(["profile", "check", str(folder / "event.toml"), "--on", str(articles), "--json"]) == 0
    found = {a["item"]: a for a in json.loads(capsys.readouterr().out)["articles"]}
    assert found["local.txt"]["on_topic"] is False
    assert "“Velasca”, which fire.txt declares to be port-vela" in found["local.txt"]["reason"]
    assert "declares" not in found["markets.txt"]["reason"]
