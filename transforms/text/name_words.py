"""Word lists about names that entity matching and candidate-name finding share.

Folded (lower-case, accent-free) single words. Titles precede or follow a name without being part of
it; title modifiers only qualify a following title; name heads end a longer proper name that merely
starts with a place or person ("Cagayan River", "Lund University", "Kim Il Sung Square").
"""

from __future__ import annotations

__all__ = ["NAME_HEADS", "TITLES", "TITLE_MODIFIERS"]


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


TITLES = _words("""
    president premier chairman chairwoman chairperson chair minister secretary secretary-general
    spokesperson spokesman spokeswoman ambassador envoy governor mayor king queen emperor empress pope
    mr mrs ms dr prof professor sen senator rep lawmaker ceo chancellor adviser advisor director
    commissioner president-elect lady leader chief commander gen adm lt col sgt capt
    congressman congresswoman councillor councilor judge justice vice-president cfo founder
""")
TITLE_MODIFIERS = _words("""
    prime vice deputy foreign first acting former late senior executive defense defence finance trade
    unification interior justice national security assistant associate state party honorary co
""")
NAME_HEADS = _words("""
    river rivers sea strait bay gulf lake lakes bridge airport station port harbour harbor island islands
    mountain mountains valley canal dam university college school academy institute hospital clinic
    stadium arena complex centre center hall office offices council department ministry agency authority
    commission board police museum library street avenue road boulevard square park plaza tower
    times daily herald post news tribune journal gazette telegraph chronicle
    bank group corporation company foundation association federation league club party
""")
