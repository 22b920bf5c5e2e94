"""Stable identifiers, derived from content so that the same input gives the same ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

from dataset.core.textnorm import name_digest, strip_ignorable

#: ``st_`` followed by 16 lowercase hex digits.
STATEMENT_ID_PATTERN = r"^st_[0-9a-f]{16}$"
#: Lowercase ASCII words joined by single hyphens (``mara-lind``).
SPEAKER_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: File-name-safe: letters, digits, ``.``, ``_``, ``-``; starts with a letter or digit.
SOURCE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def statement_id(source_id: str, char_start: int, char_end: int) -> str:
    """The id of the statement whose content is ``source.text[char_start:char_end]``.

    It depends only on where the statement is, so appending text to a source
    or re-running the extractor never changes the ids of existing rows.
    """
    digest = hashlib.sha256(f"{source_id}\x1f{char_start}\x1f{char_end}".encode()).hexdigest()
    return f"st_{digest[:16]}"


def slugify(name: str, default: str = "unnamed") -> str:
    """``"Zoë Ólafsdóttir"`` -> ``"zoe-olafsdottir"``; ``"Анна Ахматова"`` -> ``"anna-akhmatova"``.

    Accents are folded to ASCII (NFKD, marks dropped), as ids have always been
    made, so every name that folds so keeps its id. A letter or digit that does
    not fold (``Ł``, ``ø``, Greek, Cyrillic, Arabic, CJK ...) is romanised
    (anyascii) instead of dropped; where the name holds a letter of a caseless
    script (Arabic, Hebrew, Devanagari, CJK ...), whose romanisation loses
    vowels or merges homophones (王伟 and 汪伟 are both "WangWei"), eight hex
    digits of the name's digest follow, so distinct names get distinct ids.
    Invisible characters and the normal form (NFC or NFD) never change an id. A name
    with nothing to keep (``"!?"``, ``""``) gives ``default``.
    """
    out: list[str] = []
    run: list[str] = []  # letters of a script NFKD does not fold, with their marks
    digest = False
    for ch in unicodedata.normalize("NFKD", strip_ignorable(name)):
        if not ch.isascii() and (ch.isalnum() or (run and unicodedata.category(ch)[0] == "M")):
            run.append(ch)  # a mark after such a letter is read with it: मो -> "mo"
            category = unicodedata.category(ch)
            digest = digest or (category == "Lo" and ch >= "\u0370")
            continue
        if run:
            out.append(_romanised(run))
            digest = digest or _lost(run, out[-1])
            run = []
        if ch.isascii():
            out.append(ch)
        # anything else (accents on ASCII letters, punctuation, symbols) is dropped, as it
        # always was
    if run:
        out.append(_romanised(run))
        digest = digest or _lost(run, out[-1])
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(out).lower()).strip("-")
    if digest:
        return f"{slug}-{name_digest(name)}" if slug else name_digest(name)
    return slug or default


def _romanised(letters: list[str]) -> str:
    """The ASCII letters and digits of the romanisation of ``letters``."""
    return "".join(c for c in anyascii("".join(letters)) if c.isascii() and c.isalnum())


def _lost(letters: list[str], roman: str) -> bool:
    """True when letters (not only modifier letters such as ``ʼ``) romanise to nothing."""
    return not roman and any(
        unicodedata.category(c) not in ("Lm", "Mn", "Mc", "Me") for c in letters
    )


def text_sha256(text: str) -> str:
    """Hex sha256 of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
