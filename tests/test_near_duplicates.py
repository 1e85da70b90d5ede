"""Near-duplicate clustering on the seeds and on edited copies of them."""

from __future__ import annotations

from tests.conftest import SEEDS_DIR
from transforms.grouping.near_duplicates import cluster_near_duplicates
from transforms.text.shingles import shingles


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


def _reference_clusters(texts: list[tuple[str, str]], threshold: float = 0.5) -> list[tuple]:
    """The pairwise algorithm the vectorised one replaced, kept as the definition of the result."""
    from collections import defaultdict

    sets = {article_id: shingles(text) for article_id, text in texts}
    index: dict[int, list[str]] = defaultdict(list)
    for article_id, hashes in sets.items():
        for value in hashes:
            index[value].append(article_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= 50:
            ordered = sorted(holders)
            for i, left in enumerate(ordered):
                for right in ordered[i + 1 :]:
                    shared[(left, right)] += 1
    groups = {a: {a} for a in sets}
    best: dict[str, float] = {}
    for (left, right), common in shared.items():
        similarity = common / (len(sets[left]) + len(sets[right]) - common)
        if similarity >= threshold:
            merged = groups[left] | groups[right]
            for member in merged:
                groups[member] = merged
            best[left] = max(best.get(left, 0.0), similarity)
            best[right] = max(best.get(right, 0.0), similarity)
    return sorted((a, min(groups[a]), len(groups[a]), round(best[a], 4) if a in best else None) for a in sets)


def test_the_vectorised_clustering_equals_the_pairwise_definition() -> None:
    import random

    rng = random.Random(3)
    words = [f"w{n}" for n in range(400)]
    furniture = " ".join(rng.choice(words) for _ in range(30))  # shared by every text: over the cap
    bases = [" ".join(rng.choice(words) for _ in range(120)) for _ in range(25)]
    texts = []
    for number in range(120):
        base = bases[number % len(bases)].split()
        for _ in range(rng.randint(0, 30)):  # light rewrites: some copies stay over the threshold
            base[rng.randrange(len(base))] = rng.choice(words)
        texts.append((f"a{number:03d}", " ".join(base) + " " + furniture))
    expected = _reference_clusters(texts)
    got = [(m.article_id, m.cluster_id, m.cluster_size, m.similarity) for m in cluster_near_duplicates(texts)]
    assert got == expected
    assert any(size > 1 for _, _, size, _ in expected) and any(size == 1 for _, _, size, _ in expected)
