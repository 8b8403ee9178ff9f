"""One name per government department, whatever the source calls it.

petition.parliament.uk's JSON names a department in full ("Department for Environment, Food
and Rural Affairs"); its short form and many data sets use the abbreviation ("DEFRA"); a
response's sign-off may write "Her Majesty's Treasury". :func:`canonical_department` maps all
of them to the one name in ``data/departments.toml`` (a table with its source), so a groupby on
department never splits one department in two. A name not in the table is kept as written,
with its spacing tidied: it is never dropped.

>>> canonical_department("DEFRA") == canonical_department(
...     "Department for Environment, Food & Rural Affairs")
True
>>> canonical_department("Ministry of Silly Walks")
'Ministry of Silly Walks'
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files

from .errors import InputError

__all__ = ["canonical_department", "known_departments"]

_NOISE = re.compile(r"[^\w]+")


def _key(name: str) -> str:
    """Match key: lower case, '&' as 'and', a leading 'the' and punctuation ignored."""
    low = name.casefold().replace("&", " and ")
    words = _NOISE.sub(" ", low).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], tuple[str, ...]]:
    """(match key -> canonical name, canonical names in file order), read once."""
    data = tomllib.loads(
        files("respcompare").joinpath("data/departments.toml").read_text(encoding="utf-8")
    )
    lookup: dict[str, str] = {}
    names: list[str] = []
    for row in data["department"]:
        name = str(row["name"])
        names.append(name)
        for alias in (name, *row.get("abbreviations", ()), *row.get("aliases", ())):
            key = _key(str(alias))
            if key in lookup and lookup[key] != name:
                raise InputError(f"departments.toml: {alias!r} names two departments")
            lookup[key] = name
    return lookup, tuple(names)


def canonical_department(name: str | None) -> str | None:
    """The one name of the department ``name`` stands for (full name, abbreviation or alias).

    None and blank names give None; a name the table does not know is returned with its
    spacing tidied, so it still groups with itself.

    >>> canonical_department("HMT"), canonical_department("  home   office ")
    ('HM Treasury', 'Home Office')
    """
    if name is None:
        return None
    if not isinstance(name, str):
        raise InputError(f"a department name must be a string, not {type(name).__name__}")
    tidy = " ".join(name.split())
    if not tidy:
        return None
    return _table()[0].get(_key(tidy), tidy)


def known_departments() -> tuple[str, ...]:
    """The canonical names in the table, in file order.

    >>> "Home Office" in known_departments()
    True
    """
    return _table()[1]
