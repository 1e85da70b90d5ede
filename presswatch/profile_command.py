"""``presswatch profile check EVENT.toml --on FOLDER`` (what a profile does to a folder, before any run)
and ``presswatch profile init --on FOLDER`` (a first draft of a profile from the folder)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from presswatch.exit_codes import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:  # the command imports the pipeline only when it runs
    from pipeline.profile_check import ProfileCheck
    from transforms.profile import EventProfile

__all__ = ["add_profile_parser", "profile_command"]

MIN_ARTICLES_FOR_A_NAME = 2  # unknown names shown when this many articles use them


def add_profile_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``presswatch profile check`` and ``presswatch profile init``."""
    profile = commands.add_parser("profile", help="check an event profile against a folder of articles")
    actions = profile.add_subparsers(dest="profile_command", required=True)
    check = actions.add_parser(
        "check",
        help="show what the profile matches in a folder (entities, topics, claims, off-topic items, "
        "names it does not know); nothing is written",
    )
    check.add_argument("event", help="the event profile (event.toml)")
    check.add_argument("--on", required=True, metavar="FOLDER", help="folder of .txt/.html/.jsonl articles")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    init = actions.add_parser(
        "init", help="draft a profile from a folder of articles (frequent names, defined acronyms, dates)"
    )
    init.add_argument("--on", required=True, metavar="FOLDER", help="folder of .txt/.html/.jsonl articles")
    init.add_argument("--out", metavar="FILE", help="write the draft here (default: print it)")
    init.add_argument("--id", help="the event's id (default: from the folder's name)")


def profile_command(args: argparse.Namespace) -> int:
    """``profile check`` or ``profile init``; exit 2 on a bad profile or folder."""
    if args.profile_command == "init":
        return _init(args)
    return _check(args)


def _init(args: argparse.Namespace) -> int:
    from pipeline.profile_draft import draft_profile

    folder = Path(args.on)
    if not folder.is_dir():
        print(f"presswatch: --on {folder}: not a folder", file=sys.stderr)
        return EXIT_ERROR
    draft = draft_profile(folder, args.id)
    if args.out:
        out = Path(args.out)
        if out.exists():
            print(f"presswatch: --out {out}: already exists; not overwritten", file=sys.stderr)
            return EXIT_ERROR
        out.write_text(draft.toml, encoding="utf-8")
        print(f"profile drafted from {draft.articles} article(s): {out}")
        print(f"next: presswatch profile check {out} --on {folder}")
    else:
        print(draft.toml, end="")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    """Run the profile over the folder and print what it found."""
    from pipeline.profile_check import check_profile
    from transforms.profile import ProfileError, parse_event_profile

    event, folder = Path(args.event), Path(args.on)
    try:
        profile = parse_event_profile(event.read_text(encoding="utf-8"), str(event))
    except (OSError, ProfileError) as err:
        print(f"presswatch: {err}", file=sys.stderr)
        return EXIT_ERROR
    if not folder.is_dir():
        print(f"presswatch: --on {folder}: not a folder", file=sys.stderr)
        return EXIT_ERROR
    result = check_profile(profile, folder)
    if args.json:
        print(json.dumps(_as_json(result), indent=1, ensure_ascii=False))
        return EXIT_OK
    _print(result, profile, event, folder)
    return EXIT_OK


def _as_json(result: ProfileCheck) -> dict[str, object]:
    return asdict(result)


def _print(result: ProfileCheck, profile: EventProfile, event: Path, folder: Path) -> None:
    articles = result.articles
    on_topic = [a for a in articles if a.on_topic]
    print(f"profile {event} ({profile.id}) on {folder}: {len(articles)} articles, {len(on_topic)} on-topic")
    for item, why in result.unreadable:
        print(f"  unreadable  {item}: {why}")
    for article in articles:
        if not article.on_topic:
            print(f"  off-topic   {article.item}: {article.reason.removeprefix('off-topic: ')}")
    entities = result.entity_totals()
    print("\nentities (mentions in the folder):")
    for entity in profile.entities:
        count = entities.get(entity.id, 0)
        print(f"  {entity.id:<32} {count:>5}" + ("   never seen" if count == 0 else ""))
    topics = {topic: sum(topic in a.topics for a in articles) for topic in (t.id for t in profile.topics)}
    print("\ntopics (articles):")
    for topic, count in topics.items():
        print(f"  {topic:<32} {count:>5}")
    claims = result.claim_totals()
    print("\nclaims:")
    for claim_type in profile.claim_types:
        values = sorted({v for a in articles for t, v in a.claims if t == claim_type.id})
        shown = ", ".join(values[:8]) + (" ..." if len(values) > 8 else "")
        print(f"  {claim_type.id:<32} {claims.get(claim_type.id, 0):>5}   {shown}")
    skipped = [(a.item, t, s) for a in articles for t, sentences in a.skipped.items() for s in sentences]
    if skipped:
        print("\nsentences with a claim type's cue words and a figure that gave no claim of that type:")
        for item, claim_id, sentence in skipped:
            print(f"  {claim_id} in {item}: {sentence.sentence}")
            for reason in sentence.reasons:
                print(f"      {reason}")
    names = [(n, c) for n, c in result.unknown_name_totals().most_common() if c >= MIN_ARTICLES_FOR_A_NAME]
    if names:
        print(f"\nnames the profile does not know (used in {MIN_ARTICLES_FOR_A_NAME}+ articles):")
        for name, count in names[:40]:
            print(f"  {name:<40} {count:>3} articles")
