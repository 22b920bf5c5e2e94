"""Stable identifiers, derived from content so that the same input gives the same ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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


def slugify(name: str) -> str:
    """``"Zoë Ólafsdóttir"`` -> ``"zoe-olafsdottir"``; accents folded to ASCII."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "unnamed"


def text_sha256(text: str) -> str:
    """Hex sha256 of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
