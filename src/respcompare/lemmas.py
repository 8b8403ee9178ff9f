"""Verb lemmas, offline: a table of irregular forms and base verbs (data), then suffix rules.

NLTK's WordNet lemmatiser needs a corpus download, which respcompare never does. A suffix rule
proposes candidates ("ensuring" -> "ensur", "ensure"); the first candidate that is a known base
verb (``data/verbs.toml`` and ``data/lemmas.toml``) wins, so stems such as ``conven``,
``ensur`` or ``bringe`` never reach a reader. An unknown word falls back to the rule's best
guess.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from .errors import LexiconError

__all__ = ["IRREGULAR_VERBS", "is_base_verb", "lemma"]


def _data(name: str) -> dict[str, object]:
    raw = resources.files("respcompare").joinpath(f"data/{name}").read_text("utf-8")
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - our own file
        raise LexiconError(
            f"respcompare/data/{name} is not valid TOML ({exc}); fix the file"
        ) from exc


def _table() -> tuple[dict[str, str], frozenset[str]]:
    lemmas = _data("lemmas.toml")
    verbs = _data("verbs.toml")
    irregular = lemmas.get("irregular")
    extra = lemmas.get("verbs")
    base = verbs.get("base")
    if not (
        isinstance(irregular, dict)
        and isinstance(extra, dict)
        and isinstance(base, dict)
        and isinstance(irregular.get("source"), str)
        and isinstance(extra.get("source"), str)
    ):  # pragma: no cover - our own files
        raise LexiconError(
            "respcompare/data/lemmas.toml needs [irregular] and [verbs] with a source"
        )
    forms = irregular.get("forms")
    if not isinstance(forms, dict):  # pragma: no cover - our own file
        raise LexiconError("respcompare/data/lemmas.toml: [irregular] forms must be a table")
    words = f"{base.get('words', '')} {extra.get('words', '')}".split()
    return {str(k): str(v) for k, v in forms.items()}, frozenset(words) | frozenset(forms.values())


IRREGULAR_VERBS, _VERBS = _table()
_E_ENDINGS = ("c", "v", "z", "u", "g", "dg", "rs", "ns", "ls")


def is_base_verb(word: str) -> bool:
    """True when ``word`` is a base verb the lemma table knows.

    >>> is_base_verb("convene"), is_base_verb("conven")
    (True, False)
    """
    return word.lower() in _VERBS


def _guess(w: str) -> str:
    """The suffix rules' best guess for a word the table does not know."""
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            if stem.endswith("i") and suffix == "ed":
                return stem[:-1] + "y"
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
                return stem[:-1]
            if stem.endswith(_E_ENDINGS) or (
                re.search(r"[aeiou]s$", stem) and "ss" not in stem[-2:]
            ):
                return stem + "e"
            if re.search(r"[^aeiou]at$|iz$", stem) or (
                len(stem) <= 4 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", stem)
            ):
                return stem + "e"
            return stem
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("shes", "ches", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _candidates(w: str) -> list[str]:
    out: list[str] = []
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")
    return out


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """The base form of a verb form, offline (table first, then suffix rules checked against
    the known base verbs).

    >>> [lemma(w) for w in ["published", "publishes", "introducing", "laid", "released", "set"]]
    ['publish', 'publish', 'introduce', 'lay', 'release', 'set']
    >>> [lemma(w) for w in ["convened", "ensuring", "bringing", "tackling", "focussed"]]
    ['convene', 'ensure', 'bring', 'tackle', 'focus']
    """
    w = word.lower().replace("’", "'")
    if w in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[w]
    if w in _VERBS:
        return w
    guess = _guess(w)
    if guess in _VERBS:
        return guess
    for cand in _candidates(w):
        if cand in _VERBS:
            return cand
    return guess
