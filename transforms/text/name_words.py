"""Word lists about names that entity matching and candidate-name finding share.

Folded (lower-case, accent-free) single words. Titles precede or follow a name without being part of
it; title modifiers only qualify a following title; name heads end a longer proper name that merely
starts with a place or person ("Cagayan River", "Lund University", "Kim Il Sung Square").
"""

from __future__ import annotations

__all__ = ["COMMON_WORDS", "NAME_HEADS", "NAME_PREFIXES", "STOPWORDS", "TITLES", "TITLE_MODIFIERS"]


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
    lines airlines airways ferries works plant factory mill refinery shipyard depot
    telecom telecoms motors mining energy holdings industries systems components technologies electric
    securities insurance pharmaceuticals communications logistics shipping railways
""")
#: Capitalised words that begin a longer name before a place ("Radio Costa Vermelha", "Bank Asia").
NAME_PREFIXES = _words("""
    radio tv television bank banco air airlines hotel club universidad universidade university
""")
STOPWORDS = _words("""
    a an and or but nor the of for in on at to by with from as into onto over under about after before
    amid among between during since until via per vs than then so if when while where who whom whose
    which what why how this that these those it its he she they we i you his her their our my your
    there here not no all any some both each every also just only such very more most is are was were
    be been being has have had do does did will would can could should may might must shall
""")
# Ordinary words that often open sentences or headings; with the article's own lower-case words this
# tells "Despite", "Related" or "Business" from a name.
COMMON_WORDS = STOPWORDS | _words("""
    according after again against ahead although analysts another around back because before beyond
    both business central chairman citizens context despite details developments diplomacy diplomatic
    during economic either even every experts finally first following former four full further given
    government hours however key last later leading likely many meanwhile meanwhile most much new news
    next nine now officials one other others outlook overall people perhaps policy political previous
    previously recently related report reports second security seven several she since six source
    sources still ten the three timeline today together tomorrow two under updated upon what yesterday
    yet women children workers become becomes dispute claims marks sets targets focuses laid ok tv ceo
    gdp pm am utc gmt kst est id photo video read more comments share
""")
