"""Near-duplicate clustering on the seeds and on edited copies of them."""

from __future__ import annotations

from tests.conftest import SEEDS_DIR
from transforms.near_duplicates import cluster_near_duplicates, shingles


def _seeds() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))}


def test_the_distinct_seed_articles_are_not_clustered() -> None:
    members = cluster_near_duplicates(_seeds().items())
    assert len(members) == 5
    assert all(m.cluster_size == 1 and m.similarity is None for m in members)


def test_a_syndicated_copy_with_an_edited_lead_joins_its_original() -> None:
    seeds = _seeds()
    original = seeds["003_a1c5ffed28f8a4cf"]
    edited = "BEIJING — " + original.replace("returned from", "came back from", 1).replace(
        "hostility", "enmity", 1
    )
    copies = {**seeds, "zz-copy": edited, "zz-copy-of-copy": edited + "\n\nThis article first ran on a wire."}
    members = {m.article_id: m for m in cluster_near_duplicates(copies.items())}
    cluster = {a for a, m in members.items() if m.cluster_id == members["zz-copy"].cluster_id}
    assert cluster == {"003_a1c5ffed28f8a4cf", "zz-copy", "zz-copy-of-copy"}
    assert members["zz-copy"].cluster_id == "003_a1c5ffed28f8a4cf"  # the smallest id names the cluster
    assert all(members[a].cluster_size == 3 for a in cluster)
    assert 0.8 < (members["zz-copy"].similarity or 0) <= 1.0
    assert members["001_8343133ba92f7c15"].cluster_size == 1


def test_shingles_are_stable_and_case_insensitive() -> None:
    assert shingles("Lee met Xi in Beijing today") == shingles("LEE met xi in BEIJING today")
    assert shingles("") == set()
    assert len(shingles("one two")) == 1
